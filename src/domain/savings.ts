import type { PricingModel, Route, TokenType } from "./vocabulary.js";

/**
 * The vocabulary of savings opportunities (docs/savings.md) and the facts the store reads for
 * them: billed token cells of a window and what each provisioned throughput cost and served.
 */

export const SAVINGS_KINDS = [
  "global_routing",
  "unused_cache_writes",
  "prompt_caching",
  "batch",
  "flex",
  "provisioned_vs_on_demand",
  "idle_provisioned_throughput",
] as const;
export type SavingsKind = (typeof SAVINGS_KINDS)[number];

/** certain = billed facts only; likely = billed facts plus a condition to check; possible = an assumed share. */
export const CONFIDENCES = ["certain", "likely", "possible"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Billed CUR tokens and cost of a window, summed per account × model × principal × token type × tier × route × region. */
export interface BilledUsageCell {
  account: string;
  accountName: string | null;
  region: string | null;
  model: string;
  /** A ModelId seen on these rows (for the action text); null when the CUR did not name one. */
  modelId: string | null;
  principal: string | null;
  tokenType: TokenType;
  cacheTtl: string | null;
  pricingModel: PricingModel;
  route: Route;
  tokens: number;
  costUsd: number;
}

/** One provisioned throughput over a window: its billed cost and the tokens CloudWatch saw on its ARN. */
export interface PtServedFacts {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  /** The base model's canonical name (the on-demand price that would serve its traffic). */
  model: string;
  modelUnits: number;
  commitment: string | null;
  commitmentExpiresAt: string | null;
  createdAt: string | null;
  /** Billed cost of the PT's hours in the window; null = the CUR billed none of them (unknown, not $0). */
  costUsd: number | null;
  /** Hours the CUR billed in the window (model-unit hours / units). */
  billedHours: number;
  /** USD per model-unit-hour billed in the window; null = none billed. */
  usdPerUnitHour: number | null;
  /** Hours of the window with at least one invocation (CloudWatch). */
  activeHours: number;
  invocations: number;
  inputTokens: number;
  outputTokens: number;
}
