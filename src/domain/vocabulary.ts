/**
 * The canonical vocabulary every cost or usage row is normalized to (docs/architecture.md,
 * "Vocabulary"). The arrays are the single source: types, zod enums and SQL checks derive from them.
 */

/** `none` = non-token lines: model units, images, customization, guardrails, knowledge bases, agents. */
export const TOKEN_TYPES = ["input", "output", "cache_read", "cache_write", "none"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Service tier or commitment a line is billed under. */
export const PRICING_MODELS = [
  "on_demand",
  "batch",
  "flex",
  "priority",
  "latency_optimized",
  "reserved",
  "provisioned",
] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** `global` = global cross-region inference; `regional` = in-region or geo profile, and provisioned throughput. */
export const ROUTES = ["global", "regional"] as const;
export type Route = (typeof ROUTES)[number];

/** Cache writes keep their time-to-live apart from the token type. */
export const CACHE_TTLS = ["5m", "1h"] as const;
export type CacheTtl = (typeof CACHE_TTLS)[number];

/** An inclusive range of UTC calendar days `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}
