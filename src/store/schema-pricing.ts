import type { Generated } from "kysely";

/**
 * Prices, estimate runs and reconciliation drift (migration 0006).
 *
 * `price` keeps every list price with the UTC day it took effect: a refresh adds rows, it never
 * rewrites the price of a past day (lookups take the newest `effective_from` ≤ the day).
 */
export interface PriceTable {
  id: Generated<number>;
  model: string;
  region: string;
  route: "global" | "regional";
  pricing_model: string;
  token_type: "input" | "output" | "cache_read" | "cache_write";
  /** `5m` | `1h` for cache writes, else null. */
  cache_ttl: string | null;
  usd_per_million: number;
  effective_from: string;
  /** `bundled 2026-08-21 (derived: …)` or `price-list AmazonBedrock 2026-11-26`. */
  source: string;
  added_at: string;
}

/** One recompute of `cost_estimate_daily` (for coverage and freshness reporting). */
export interface EstimateRunTable {
  id: Generated<number>;
  from_day: string;
  to_day: string;
  rows: number;
  /** Tokens seen by CloudWatch (the total) and the share of them attributed by invocation logs. */
  metric_tokens: number;
  attributed_tokens: number;
  unpriced_tokens: number;
  estimated_usd: number;
  computed_at: string;
}

/** Billed vs estimated per day × model, for days that have both. */
export interface ReconcileDriftTable {
  day: string;
  model: string;
  billed_usd: number;
  estimated_usd: number | null;
  drift_pct: number | null;
  flagged: number;
  likely_cause: string | null;
  computed_at: string;
}

export interface PricingTables {
  price: PriceTable;
  estimate_run: EstimateRunTable;
  reconcile_drift: ReconcileDriftTable;
}
