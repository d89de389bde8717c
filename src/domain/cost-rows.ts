import type { PricingModel, Route, TokenType } from "./vocabulary.js";

/** The canonical cost columns shared by billed (`cost_daily`) and estimated (`cost_estimate_daily`) rows. */
export interface CanonicalCostColumns {
  day: string;
  account: string;
  account_name: string | null;
  region: string | null;
  model: string;
  model_id: string | null;
  token_type: TokenType;
  /** `5m` | `1h` for cache writes, else null. */
  cache_ttl: string | null;
  pricing_model: PricingModel;
  route: Route;
  principal: string | null;
  resource_id: string | null;
  /** JSON object of tags: resource tags by plain key (`team`), principal tags as `iamPrincipal/<k>`; `{}` when none. */
  tags: string;
  /** Absolute token counts (0 for non-token lines). */
  tokens: number;
}

/**
 * One estimated daily cost row as the estimate computes it (the store adds `id` and `computed_at`).
 * `cost_usd` is NULL when no price is known for the line: never $0.
 */
export interface EstimatedCostRow extends CanonicalCostColumns {
  cost_usd: number | null;
  source: "metrics" | "logs" | "fixed";
}
