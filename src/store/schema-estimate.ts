import type { Generated } from "kysely";

/**
 * ESTIMATED daily cost rows: what days after `billedThrough` probably cost, before the CUR says so.
 * Filled by the analysis step from CloudWatch tokens × list prices (`metrics`), invocation-log
 * metadata (`logs`, which also knows the principal and request tags) and known fixed charges such as
 * provisioned-throughput hours (`fixed`).
 *
 * Contract (same canonical vocabulary as `cost_daily`, DESIGN §4):
 * - one row per day × account × region × model × token_type × cache_ttl × pricing_model × route ×
 *   principal × resource_id × tags, as far as the source knows them (unknown → null / `{}`);
 * - `tokens` are absolute token counts (0 for non-token lines such as PT hours);
 * - `cost_usd` is NULL when no price is known for the line: readers must report such tokens as
 *   unpriced and never count them as $0;
 * - a recompute replaces the rows of the days it covers (delete by day range + insert in one
 *   transaction); `computed_at` (ISO instant) says when.
 */
export interface CostEstimateDailyTable {
  id: Generated<number>;
  day: string;
  account: string;
  account_name: string | null;
  region: string | null;
  model: string;
  model_id: string | null;
  token_type: "input" | "output" | "cache_read" | "cache_write" | "none";
  cache_ttl: string | null;
  pricing_model: string;
  route: "global" | "regional";
  principal: string | null;
  resource_id: string | null;
  /** JSON object: resource tags by plain key (`team`), principal tags as `iamPrincipal/<k>`; `{}` when none. */
  tags: string;
  tokens: number;
  /** USD at full precision; NULL = no known price (never $0). */
  cost_usd: number | null;
  source: "metrics" | "logs" | "fixed";
  computed_at: string;
}

export interface EstimateTables {
  cost_estimate_daily: CostEstimateDailyTable;
}
