import type { PriceBook } from "../prices/lookup.js";
import type { CostEstimateDailyTable } from "../store/schema-estimate.js";
import type { ModelIdContext } from "./model-id.js";

/** Inputs and outputs of the estimate (src/analyze/estimate.ts). All days are UTC `YYYY-MM-DD`. */

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** CloudWatch tokens of one raw ModelId in one account/region on one day (the TOTAL). */
export interface MetricDay extends TokenCounts {
  day: string;
  account: string;
  region: string;
  modelId: string;
}

/** Invocation-log tokens of one principal × requestMetadata on one day (a SPLIT of the total). */
export interface LogDay extends TokenCounts {
  day: string;
  account: string;
  region: string;
  modelId: string;
  principal: string | null;
  /** Caller-supplied requestMetadata pairs (already parsed). */
  requestMetadata: Record<string, string>;
}

/** A provisioned throughput and the hourly rate the CUR last billed for it. */
export interface ProvisionedCharge {
  arn: string;
  account: string;
  region: string;
  model: string;
  modelId: string | null;
  modelUnits: number;
  /** ISO instant; hours before it are not charged. Null = existed before the window. */
  createdAt: string | null;
  /** USD per model-unit-hour from the last CUR line of this PT; null = never billed yet (unknown). */
  usdPerUnitHour: number | null;
}

export interface EstimateInput {
  from: string;
  to: string;
  now: Date;
  metrics: MetricDay[];
  logs: LogDay[];
  provisioned: ProvisionedCharge[];
  prices: PriceBook;
  modelIds: ModelIdContext;
  accountNames: ReadonlyMap<string, string>;
  /** Principal ARN → its `iamPrincipal/<k>` tags as last seen in the CUR. */
  principalTags: ReadonlyMap<string, Record<string, string>>;
}

/** One `cost_estimate_daily` row (without id and computed_at): the store's own row type. */
export type EstimateRow = Omit<CostEstimateDailyTable, "id" | "computed_at">;

export interface EstimateCoverage {
  /** Tokens estimated (CloudWatch total, or the logs when they saw more). */
  totalTokens: number;
  /** Tokens attributed to a principal by invocation logs. */
  attributedTokens: number;
  /** attributedTokens / totalTokens × 100; null when there are no tokens. */
  attributedPct: number | null;
  /** Tokens without a known price (cost NULL). */
  unpricedTokens: number;
  estimatedUsd: number;
}

export interface EstimateOutput {
  rows: EstimateRow[];
  coverage: EstimateCoverage;
}
