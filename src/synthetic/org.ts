/**
 * The synthetic organization behind the demo, the tests and the benchmarks. One definition,
 * shared by the CUR generator and the AWS sandbox so that bill, metrics and inventory agree.
 * Prices are USD per 1M tokens (docs/aws-data.md §6.2); everything else is invented but realistic.
 */

export interface DemoAccount {
  id: string;
  name: string;
  regions: string[];
  roleName: string;
  externalId: string;
}

export interface DemoModel {
  /** Canonical name (docs/architecture.md §4). */
  model: string;
  modelId: string;
  provider: string;
  /** First-party usage-type billing name, e.g. `Claude4.6Sonnet` in `USE1-Claude4.6Sonnet-input-tokens`. */
  billingName: string;
  /** How the CUR bills it: first-party usage types, Marketplace `…(Amazon Bedrock Edition)`, or both. */
  billing: "first_party" | "marketplace" | "both";
  /** USD per 1M tokens on the regional (in-region/geo) on-demand standard tier. */
  price: { input: number; output: number; cacheRead?: number; cacheWrite5m?: number; cacheWrite1h?: number };
  /** Global cross-region inference is this fraction of the regional price (Claude 4.5+/Nova 2: 1/1.1). */
  globalFactor?: number;
  /** Typical input tokens per day across the org (drives the volumes). */
  dailyInputTokens: number;
  outputRatio: number;
  cacheReadRatio?: number;
  tiers?: ("batch" | "flex" | "priority")[];
  lifecycle?: {
    status: "ACTIVE" | "LEGACY";
    legacyTime?: string;
    publicExtendedAccessTime?: string;
    endOfLifeTime?: string;
  };
}

export interface DemoPrincipal {
  arn: string;
  account: string;
  tags: Record<string, string>;
  /** Share of the account's traffic. */
  weight: number;
}

export const PAYER_ACCOUNT = "999999999999";

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    id: "111111111111",
    name: "prod",
    regions: ["us-east-1", "us-west-2"],
    roleName: "BedrockSpendReadOnly",
    externalId: "demo-ext-prod-7f3a",
  },
  {
    id: "222222222222",
    name: "staging",
    regions: ["us-east-1"],
    roleName: "BedrockSpendReadOnly",
    externalId: "demo-ext-staging-1c9e",
  },
  {
    id: "333333333333",
    name: "research",
    regions: ["us-east-1", "eu-central-1"],
    roleName: "BedrockSpendReadOnly",
    externalId: "demo-ext-research-44b0",
  },
];

export const DEMO_MODELS: DemoModel[] = [
  {
    model: "Claude Sonnet 4.6",
    modelId: "anthropic.claude-sonnet-4-6",
    provider: "Anthropic",
    billingName: "Claude4.6Sonnet",
    billing: "both",
    price: { input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite5m: 4.125, cacheWrite1h: 6.6 },
    globalFactor: 1 / 1.1,
    dailyInputTokens: 40_000_000,
    outputRatio: 0.15,
    cacheReadRatio: 0.8,
  },
  {
    model: "Claude Haiku 4.5",
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    provider: "Anthropic",
    billingName: "Claude4.5Haiku",
    billing: "marketplace",
    price: { input: 1.1, output: 5.5, cacheRead: 0.11, cacheWrite5m: 1.375, cacheWrite1h: 2.2 },
    globalFactor: 1 / 1.1,
    dailyInputTokens: 60_000_000,
    outputRatio: 0.2,
    cacheReadRatio: 0.5,
    tiers: ["batch"],
  },
  {
    model: "Claude Opus 4.6",
    modelId: "anthropic.claude-opus-4-6-v1",
    provider: "Anthropic",
    billingName: "Claude4.6Opus",
    billing: "first_party",
    price: { input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite5m: 6.875 },
    globalFactor: 1 / 1.1,
    dailyInputTokens: 5_000_000,
    outputRatio: 0.25,
  },
  {
    model: "Claude 3.5 Sonnet v2",
    modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0",
    provider: "Anthropic",
    billingName: "Claude3.5SonnetV2",
    billing: "marketplace",
    price: { input: 3, output: 15 },
    dailyInputTokens: 4_000_000,
    outputRatio: 0.2,
    lifecycle: {
      status: "LEGACY",
      legacyTime: "2026-08-01T00:00:00Z",
      publicExtendedAccessTime: "2026-11-01T00:00:00Z",
      endOfLifeTime: "2027-01-15T00:00:00Z",
    },
  },
  {
    model: "Nova Pro",
    modelId: "amazon.nova-pro-v1:0",
    provider: "Amazon",
    billingName: "NovaPro",
    billing: "first_party",
    price: { input: 0.8, output: 3.2, cacheRead: 0.2 },
    dailyInputTokens: 80_000_000,
    outputRatio: 0.2,
    cacheReadRatio: 0.3,
    tiers: ["batch", "flex", "priority"],
  },
  {
    model: "Nova Lite",
    modelId: "amazon.nova-lite-v1:0",
    provider: "Amazon",
    billingName: "NovaLite",
    billing: "first_party",
    price: { input: 0.06, output: 0.24, cacheRead: 0.015 },
    dailyInputTokens: 150_000_000,
    outputRatio: 0.2,
  },
  {
    model: "Nova Micro",
    modelId: "amazon.nova-micro-v1:0",
    provider: "Amazon",
    billingName: "NovaMicro",
    billing: "first_party",
    price: { input: 0.035, output: 0.14, cacheRead: 0.00875 },
    dailyInputTokens: 200_000_000,
    outputRatio: 0.1,
  },
  {
    model: "Nova 2 Lite",
    modelId: "amazon.nova-2-lite-v1:0",
    provider: "Amazon",
    billingName: "Nova2.0Lite",
    billing: "first_party",
    price: { input: 0.33, output: 2.75, cacheRead: 0.0825 },
    globalFactor: 1 / 1.1,
    dailyInputTokens: 30_000_000,
    outputRatio: 0.15,
  },
  {
    model: "Llama 3.1 8B",
    modelId: "meta.llama3-1-8b-instruct-v1:0",
    provider: "Meta",
    billingName: "Llama3-1-8B",
    billing: "first_party",
    price: { input: 0.22, output: 0.22 },
    dailyInputTokens: 50_000_000,
    outputRatio: 0.3,
    tiers: ["batch"],
  },
  {
    model: "Llama 3.3 70B",
    modelId: "meta.llama3-3-70b-instruct-v1:0",
    provider: "Meta",
    billingName: "Llama3-3-70B",
    billing: "first_party",
    price: { input: 0.72, output: 0.72 },
    dailyInputTokens: 20_000_000,
    outputRatio: 0.25,
  },
];

export const DEMO_PRINCIPALS: DemoPrincipal[] = [
  {
    arn: "arn:aws:sts::111111111111:assumed-role/ChatBackend/chat-svc",
    account: "111111111111",
    tags: { "iamPrincipal/team": "chat", "iamPrincipal/cost-center": "1001" },
    weight: 0.5,
  },
  {
    arn: "arn:aws:sts::111111111111:assumed-role/SearchIndexer/indexer",
    account: "111111111111",
    tags: { "iamPrincipal/team": "search" },
    weight: 0.3,
  },
  {
    arn: "arn:aws:iam::111111111111:user/BedrockAPIKey-ops7",
    account: "111111111111",
    tags: {},
    weight: 0.2,
  },
  {
    arn: "arn:aws:sts::222222222222:assumed-role/CiRunner/gh-actions",
    account: "222222222222",
    tags: { "iamPrincipal/team": "platform" },
    weight: 1,
  },
  {
    arn: "arn:aws:sts::333333333333:assumed-role/Researchers/alice@example.com",
    account: "333333333333",
    tags: { "iamPrincipal/team": "research" },
    weight: 0.6,
  },
  {
    arn: "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com",
    account: "333333333333",
    tags: { "iamPrincipal/team": "research" },
    weight: 0.4,
  },
];

/** Resource tags (cost-allocation tags) on application inference profiles, per account. */
export const DEMO_RESOURCE_TAGS: Record<string, Record<string, string>> = {
  "111111111111": { team: "search", app: "assistant" },
  "222222222222": { team: "platform", app: "ci-review" },
  "333333333333": { team: "research", app: "notebooks" },
};

/** One provisioned throughput, mostly idle: the demo's idle-capacity finding. */
export const DEMO_PROVISIONED = {
  account: "111111111111",
  region: "us-east-1",
  name: "nova-pro-reserved-capacity",
  id: "a1b2c3d4e5f6",
  modelId: "amazon.nova-pro-v1:0",
  modelUnits: 1,
  hourlyUsd: 21.18,
  commitment: null as null | "OneMonth" | "SixMonths",
};

/** The demo's spike: a runaway agent loop for one principal on one day (days before "today"). */
export const DEMO_SPIKE = {
  principal: "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com",
  model: "Claude Sonnet 4.6",
  daysAgo: 4,
  factor: 12,
};

export const REGION_CODES: Record<string, string> = {
  "us-east-1": "USE1",
  "us-east-2": "USE2",
  "us-west-2": "USW2",
  "eu-central-1": "EUC1",
  "eu-west-1": "EU",
  "ap-northeast-1": "APN1",
  "ap-southeast-1": "APS1",
};
