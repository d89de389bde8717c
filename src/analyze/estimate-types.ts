import type { EstimatedCostRow } from "../domain/cost-rows.js";
import type { LogDay, MetricDay, ProvisionedCharge } from "../domain/facts.js";
import type { ModelIdContext } from "../domain/models/model-id.js";
import type { PriceBook } from "../prices/lookup.js";

/** Inputs and outputs of the estimate (src/analyze/estimate.ts). All days are UTC `YYYY-MM-DD`. */

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

/** One `cost_estimate_daily` row (without id and computed_at). */
export type EstimateRow = EstimatedCostRow;

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
