import type { CacheTtl, PricingModel, Route, TokenType } from "../vocabulary.js";

/**
 * Token kind, tier and route from the words of a usage type's kind and modifiers, shared by both
 * grammars: first-party `input-tokens-flex-cross-region-global` and Marketplace
 * `CacheWrite1hInputTokenCount_Global` / `input_tokens_global_flex` reduce to the same words.
 * Follows the CID CUDOS ordering (docs/aws-data.md §1.5): cache read/write before plain input/output.
 */
export interface UsageFlags {
  tokenType: TokenType;
  cacheTtl: CacheTtl | null;
  pricingModel: PricingModel;
  route: Route;
  /** A reserved-tier (tokens-per-minute) commitment line: capacity, not tokens. */
  reserved: boolean;
  /** Words no rule knows; the caller reports them as a warning instead of guessing. */
  unknownWords: string[];
}

/** Words that carry no classification of their own (units, standard tier, geo routing, modality). */
const NEUTRAL = new Set([
  "token",
  "tokens",
  "count",
  "units",
  "unit",
  "standard",
  "default",
  "on",
  "demand",
  "ondemand",
  "cross",
  "region",
  "regional",
  "inregion",
  "geo",
  "mantle",
  "text",
  "image",
  "audio",
  "video",
  "speech",
  "understanding",
  "generation",
  "lctx",
  "long",
  "ctx",
  "context",
  "tpm",
  "nocommit",
  "month",
  "months",
  "1month",
  "3month",
  "6month",
]);

const KNOWN = new Set([
  ...NEUTRAL,
  "cache",
  "read",
  "write",
  "input",
  "output",
  "1h",
  "5m",
  "batch",
  "flex",
  "priority",
  "latency",
  "optimized",
  "reserved",
  "provisioned",
  "global",
]);

/** `Reserved_1Month_InputTPM_Geo` → reserved 1month input tpm geo; `input_tokens_batch` → input tokens batch. */
export function marketplaceWords(dimension: string): string[] {
  return dimension
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([a-z])(\d)/g, "$1_$2")
    .toLowerCase()
    .split(/[_\s-]+/)
    .filter(Boolean);
}

/** `cache-write-input-token-count-cross-region-global` → its dash-separated words, lower case. */
export function firstPartyWords(kindAndModifiers: string): string[] {
  return kindAndModifiers.toLowerCase().split("-").filter(Boolean);
}

function tokenTypeOf(has: (w: string) => boolean): TokenType {
  if (has("cache") && has("read")) return "cache_read";
  if (has("cache") && has("write")) return "cache_write";
  if (has("input")) return "input";
  if (has("output")) return "output";
  return "none";
}

function pricingModelOf(has: (w: string) => boolean): PricingModel {
  if (has("provisioned")) return "provisioned";
  if (has("reserved")) return "reserved";
  if (has("batch")) return "batch";
  if (has("flex")) return "flex";
  if (has("priority")) return "priority";
  if (has("latency")) return "latency_optimized";
  return "on_demand";
}

export function readFlags(words: string[]): UsageFlags {
  const set = new Set(words);
  const has = (w: string) => set.has(w);
  const reserved = has("reserved");
  // A reserved-tier line bills committed tokens-per-minute capacity, not tokens consumed, so it is
  // a non-token line like provisioned throughput (docs/aws-data.md §6.3).
  const tokenType = reserved ? "none" : tokenTypeOf(has);
  return {
    tokenType,
    // A cache write without a TTL marker is the default 5-minute cache (docs/aws-data.md §6.3).
    cacheTtl: tokenType === "cache_write" ? (has("1h") ? "1h" : "5m") : null,
    pricingModel: pricingModelOf(has),
    route: has("global") ? "global" : "regional",
    reserved,
    unknownWords: words.filter((w) => !KNOWN.has(w) && !/^\d+$/.test(w)),
  };
}
