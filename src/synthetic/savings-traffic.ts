import type { DemoModel, DemoPrincipal } from "./org.js";

/**
 * Traffic of the synthetic organization that makes every savings kind appear (docs/savings.md),
 * kept apart from the org's main traffic: its own callers and models (Claude Sonnet 4.5 and
 * Opus 4.5, which nothing else calls) and its own provisioned throughput. Volumes are the same
 * every day, and CloudWatch serves the same tokens per hour, so a figure can be checked by hand.
 */

export interface SavingsStream {
  account: string;
  region: string;
  principal: DemoPrincipal;
  model: DemoModel;
  route: "regional" | "global";
  /** The CloudWatch `ModelId` the caller uses. */
  modelId: string;
  /** Tokens per day (CloudWatch: per hour = per day / 24). */
  daily: { input: number; output: number; cacheRead: number; cacheWrite5m: number };
}

const sonnet45: DemoModel = {
  model: "Claude Sonnet 4.5",
  modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  provider: "Anthropic",
  billingName: "Claude4.5Sonnet",
  billing: "first_party",
  price: { input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite5m: 4.125, cacheWrite1h: 6.6 },
  globalFactor: 1 / 1.1,
  dailyInputTokens: 0,
  outputRatio: 0,
};

const opus45: DemoModel = {
  model: "Claude Opus 4.5",
  modelId: "anthropic.claude-opus-4-5-20251101-v1:0",
  provider: "Anthropic",
  billingName: "Claude4.5Opus",
  billing: "first_party",
  price: { input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite5m: 6.875 },
  globalFactor: 1 / 1.1,
  dailyInputTokens: 0,
  outputRatio: 0,
};

export const SAVINGS_MODELS: DemoModel[] = [sonnet45, opus45];

export const SAVINGS_STREAMS: SavingsStream[] = [
  {
    // Writes its prompt cache ten times more than it reads it: a cache point after a changing part.
    account: "111111111111",
    region: "us-east-1",
    principal: {
      arn: "arn:aws:sts::111111111111:assumed-role/DocSummarizer/summarizer",
      account: "111111111111",
      tags: { "iamPrincipal/team": "docs" },
      weight: 0,
    },
    model: sonnet45,
    route: "global",
    modelId: `global.${sonnet45.modelId}`,
    daily: { input: 4_000_000, output: 500_000, cacheRead: 1_000_000, cacheWrite5m: 10_000_000 },
  },
  {
    // A heavy caller that never caches: 8 M input tokens a day, 20 input tokens per output token.
    account: "333333333333",
    region: "us-east-1",
    principal: {
      arn: "arn:aws:sts::333333333333:assumed-role/RagPipeline/rag-worker",
      account: "333333333333",
      tags: { "iamPrincipal/team": "rag" },
      weight: 0,
    },
    model: opus45,
    route: "regional",
    modelId: opus45.modelId,
    daily: { input: 8_000_000, output: 400_000, cacheRead: 0, cacheWrite5m: 0 },
  },
];

/**
 * A busy provisioned throughput under a six-month commitment that on-demand would serve more
 * cheaply: every hour it serves `hourly` tokens, $17.28 at the on-demand price, for $23.00.
 */
export const SAVINGS_PROVISIONED = {
  account: "333333333333",
  region: "us-east-1",
  name: "llama-70b-committed",
  id: "f6e5d4c3b2a1",
  modelId: "meta.llama3-3-70b-instruct-v1:0",
  billingName: "Llama3-3-70B",
  modelUnits: 1,
  hourlyUsd: 23,
  commitment: "SixMonths" as const,
  /** Created this many days before "now"; the commitment ends 182 days after creation. */
  createdDaysAgo: 127,
  commitmentDays: 182,
  hourly: { invocations: 10_000, input: 20_000_000, output: 4_000_000 },
};
