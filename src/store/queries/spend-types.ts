import type { DayRange } from "../../domain/vocabulary.js";
/** Types of the spend queries (queries/spend.ts), apart so the query modules can share them. */

export const SPEND_COLUMN_KEYS = [
  "model",
  "token_type",
  "pricing_model",
  "route",
  "region",
  "account",
  "principal",
  "day",
] as const;
export type SpendColumnKey = (typeof SPEND_COLUMN_KEYS)[number];
/** A canonical column, or `tag:<key>` (resource tag `team`, principal tag `iamPrincipal/team`). */
export type SpendGroupKey = SpendColumnKey | `tag:${string}`;

export interface SpendFilters {
  model?: string[];
  account?: string[];
  region?: string[];
  principal?: string[];
  token_type?: string[];
  pricing_model?: string[];
  tag?: { key: string; value: string };
}

export interface SpendQuery {
  groupBy: SpendGroupKey[];
  filters?: SpendFilters;
  /** Day range read from `cost_daily`; omitted → the table is not read. */
  billed?: DayRange;
  /** Day range read from `cost_estimate_daily`; omitted → the table is not read. */
  estimated?: DayRange;
  /** Max groups returned (largest cost first); totals always cover every group. */
  limit: number;
  /** false: always scan the raw rows (tests compare both paths). Default: rollup when it can answer. */
  useRollup?: boolean;
}

export interface SpendGroup {
  /** Group values in `groupBy` order; null when the row has no value for the key. */
  keys: (string | null)[];
  /** Any account name seen in the group (only when grouped by account). */
  accountName: string | null;
  /** Sum of known costs; null when no line of the group has a known price. */
  costUsd: number | null;
  tokens: number;
  /** Tokens of estimate lines without a known price (never counted as $0). */
  unpricedTokens: number;
}

export interface SpendTotals {
  costUsd: number;
  tokens: number;
  unpricedTokens: number;
  /** Number of groups before the limit. */
  groups: number;
  /** Cost of lines that carry an IAM principal / at least one tag (for coverage). */
  principalCostUsd: number;
  taggedCostUsd: number;
}

export interface SpendResult {
  rows: SpendGroup[];
  totals: SpendTotals;
}
