import type { Generated } from "kysely";
import type { EstimatedCostRow } from "../domain/cost-rows.js";

/**
 * ESTIMATED daily cost rows: what days after `billedThrough` probably cost, before the CUR says so.
 * Filled by the analysis step from CloudWatch tokens × list prices (`metrics`), invocation-log
 * metadata (`logs`, which also knows the principal and request tags) and known fixed charges such as
 * provisioned-throughput hours (`fixed`).
 *
 * Contract (same canonical vocabulary as `cost_daily`, docs/architecture.md §4):
 * - one row per day × account × region × model × token_type × cache_ttl × pricing_model × route ×
 *   principal × resource_id × tags, as far as the source knows them (unknown → null / `{}`);
 * - `tokens` are absolute token counts (0 for non-token lines such as PT hours);
 * - `cost_usd` is NULL when no price is known for the line: readers must report such tokens as
 *   unpriced and never count them as $0;
 * - a recompute replaces the rows of the days it covers (delete by day range + insert in one
 *   transaction); `computed_at` (ISO instant) says when.
 */
export interface CostEstimateDailyTable extends EstimatedCostRow {
  id: Generated<number>;
  computed_at: string;
}

export interface EstimateTables extends RollupTables {
  cost_estimate_daily: CostEstimateDailyTable;
}

/**
 * Per-day sums along ONE dimension (`dim`: `*` = the day's total, a canonical column, the pair
 * `account,model`, or `tag:<key>`), for `src` billed (cost_daily) or estimated
 * (cost_estimate_daily). It lets the common questions ("by model this month", "by account and day
 * for a year", "by tag:team", "by model for one account") read thousands of rows instead of
 * millions. Derived data only: triggers mark changed days in `spend_rollup_dirty`, and
 * queries/spend-rollup.ts rebuilds those days before it reads.
 */
export interface SpendRollupTable {
  src: "billed" | "estimated";
  day: string;
  dim: string;
  /** Group value; null for `*` and for rows without a value (tag rows only exist with a value). */
  key: string | null;
  /** Second group value, for dimensions pairing two columns (`account,model`: key, key2); else null. */
  key2: string | null;
  account_name: string | null;
  lines: number;
  priced_lines: number;
  cost: number | null;
  tokens: number;
  unpriced_tokens: number;
  principal_cost: number;
  tagged_cost: number;
}

/** spend_rollup's columns besides `src`, in the order bulk writers supply a row (spend-rollup-write.ts). */
export const ROLLUP_ROW_COLUMNS = [
  "day",
  "dim",
  "key",
  "key2",
  "account_name",
  "lines",
  "priced_lines",
  "cost",
  "tokens",
  "unpriced_tokens",
  "principal_cost",
  "tagged_cost",
] as const satisfies readonly (keyof SpendRollupTable)[];

export interface SpendRollupDirtyTable {
  src: "billed" | "estimated";
  day: string;
}

export interface RollupTables {
  spend_rollup: SpendRollupTable;
  spend_rollup_dirty: SpendRollupDirtyTable;
}
