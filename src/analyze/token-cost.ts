import type { TokenCounts } from "../domain/facts.js";
import { lookupPrice, type PriceBook } from "../prices/lookup.js";
import type { PriceRow } from "../prices/types.js";

/**
 * The ONE pricing path of estimated token traffic (CloudWatch metrics and invocation-log
 * metadata), shared by the daily estimate (estimate.ts) and the hourly series (hourly-cost.ts), so
 * an hour and its day can never be priced two different ways. Pure.
 */

/** Token types with a per-token price and the TokenCounts field that holds each. */
export const TOKEN_FIELDS = [
  ["input", "input"],
  ["output", "output"],
  ["cache_read", "cacheRead"],
  ["cache_write", "cacheWrite"],
] as const satisfies readonly [string, keyof TokenCounts][];

export type TokenType = (typeof TOKEN_FIELDS)[number][0];

/** What a price depends on besides the token type and the day (from resolveModelId + the row). */
export interface PriceTarget {
  model: string;
  region: string | null;
  route: "global" | "regional";
  pricingModel: string;
}

/**
 * The list price in effect on `day` for one token type, null when none is known. CloudWatch and
 * invocation logs do not split cache writes by TTL: lookupPrice prices them at the 5-minute TTL.
 */
export function tokenPrice(
  book: PriceBook,
  target: PriceTarget,
  tokenType: TokenType,
  day: string,
): PriceRow | null {
  return lookupPrice(
    book,
    {
      model: target.model,
      region: target.region,
      route: target.route,
      pricingModel: target.pricingModel,
      tokenType,
      cacheTtl: null,
    },
    day,
  );
}

/** USD of `tokens` at `price`; null (unpriced, never $0) when the price is unknown. */
export function costAt(price: PriceRow | null, tokens: number): number | null {
  return price ? (tokens * price.usdPerMillion) / 1e6 : null;
}

/** USD of `tokens` of one token type on `day` at the list price then in effect; null = unknown price. */
export function tokenCost(
  book: PriceBook,
  target: PriceTarget,
  tokenType: TokenType,
  day: string,
  tokens: number,
): number | null {
  return costAt(tokenPrice(book, target, tokenType, day), tokens);
}
