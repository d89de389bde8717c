import type { PriceRow } from "./types.js";

/**
 * Price lookup: the list price IN EFFECT ON A DAY (the newest `effectiveFrom` ≤ day), so that a
 * refresh that adds tomorrow's price never changes what yesterday cost. Pure.
 */

export interface PriceQuery {
  model: string;
  region: string | null;
  route: "global" | "regional";
  pricingModel: string;
  tokenType: string;
  cacheTtl: string | null;
}

export interface PriceBook {
  /** key → prices of that key, oldest `effectiveFrom` first. */
  readonly byKey: ReadonlyMap<string, readonly PriceRow[]>;
}

const keyOf = (q: Omit<PriceQuery, "cacheTtl"> & { cacheTtl: string | null }) =>
  [q.model, q.region ?? "", q.route, q.pricingModel, q.tokenType, q.cacheTtl ?? ""].join("\u0000");

export function buildPriceBook(rows: readonly PriceRow[]): PriceBook {
  const byKey = new Map<string, PriceRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { byKey };
}

function inEffect(list: readonly PriceRow[] | undefined, day: string): PriceRow | null {
  if (!list) return null;
  let found: PriceRow | null = null;
  for (const r of list) {
    if (r.effectiveFrom > day) break;
    found = r;
  }
  return found;
}

/**
 * The price of one token type on `day`, or null when none is known (the caller must then report
 * the tokens as unpriced, never as $0). CloudWatch does not split cache writes by TTL, so a cache
 * write without a TTL is priced at the default 5-minute TTL.
 */
export function lookupPrice(book: PriceBook, q: PriceQuery, day: string): PriceRow | null {
  if (!q.region || q.tokenType === "none") return null;
  const ttl = q.tokenType === "cache_write" ? (q.cacheTtl ?? "5m") : null;
  return inEffect(book.byKey.get(keyOf({ ...q, cacheTtl: ttl })), day);
}

/** USD for `tokens` at the price in effect on `day`; null when the price is unknown. */
export function priceTokens(book: PriceBook, q: PriceQuery, day: string, tokens: number): number | null {
  const p = lookupPrice(book, q, day);
  return p ? (tokens * p.usdPerMillion) / 1e6 : null;
}
