import { buildPriceBook, lookupPrice } from "./lookup.js";
import type { PriceRow } from "./types.js";

/**
 * What a price refresh writes, given the prices already stored and the ones just fetched. Pure.
 *
 * A refresh NEVER REWRITES THE PAST: a key that already has a price gets a new row only when the
 * price differs from the one in effect today, and that row takes effect today at the earliest
 * (even when AWS dates the term earlier), so estimates of past days keep the price they were made
 * with. A key with no price yet takes AWS's effective date: there is nothing to rewrite.
 */

export interface RefreshPlan {
  inserts: PriceRow[];
  unchanged: number;
  /** Keys AWS returned more than once with different prices (the newest term wins). */
  conflicts: string[];
}

const keyText = (r: PriceRow) =>
  `${r.model}/${r.region}/${r.route}/${r.pricingModel}/${r.tokenType}${r.cacheTtl ? `/${r.cacheTtl}` : ""}`;

const equalPrice = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** One price per key: the newest effective date wins; differing duplicates are reported. */
export function dedupeFetched(fetched: readonly PriceRow[]): { rows: PriceRow[]; conflicts: string[] } {
  const byKey = new Map<string, PriceRow>();
  const conflicts = new Set<string>();
  for (const r of fetched) {
    const k = keyText(r);
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, r);
    else {
      if (!equalPrice(prev.usdPerMillion, r.usdPerMillion) && prev.effectiveFrom === r.effectiveFrom)
        conflicts.add(k);
      if (r.effectiveFrom > prev.effectiveFrom) byKey.set(k, r);
    }
  }
  return { rows: [...byKey.values()], conflicts: [...conflicts] };
}

export function planPriceRefresh(
  existing: readonly PriceRow[],
  fetched: readonly PriceRow[],
  today: string,
): RefreshPlan {
  const book = buildPriceBook(existing);
  const { rows, conflicts } = dedupeFetched(fetched);
  const inserts: PriceRow[] = [];
  let unchanged = 0;
  for (const r of rows) {
    // Any row of the key at all (the newest one is in effect on the last representable day).
    if (!lookupPrice(book, r, "9999-12-31")) {
      inserts.push(r);
      continue;
    }
    const current = lookupPrice(book, r, today);
    if (current && equalPrice(current.usdPerMillion, r.usdPerMillion)) {
      unchanged++;
      continue;
    }
    inserts.push({ ...r, effectiveFrom: r.effectiveFrom > today ? r.effectiveFrom : today });
  }
  return { inserts, unchanged, conflicts };
}
