/** Canonical vocabulary of a classified CUR line (DESIGN §4). Re-exported by classify.ts. */

export type TokenType = "input" | "output" | "cache_read" | "cache_write" | "none";
export type PricingModel =
  | "on_demand"
  | "batch"
  | "flex"
  | "priority"
  | "latency_optimized"
  | "reserved"
  | "provisioned";
export type Route = "global" | "regional";
export type CacheTtl = "5m" | "1h";
