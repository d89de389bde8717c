import type { Series } from "../stats.js";

/**
 * Like-for-like comparison when part of the data is missing. Buckets are grouped by which
 * account/regions they lack (their signature); each group is evaluated on series that leave those
 * account/regions out of every bucket, history included, so a missing account is neither a drop
 * nor a smaller baseline. A history bucket that lacks anything else is skipped (null). Pure.
 */

export interface Signature {
  /** Account/region keys left out (sorted). */
  excluded: string[];
  /** Evaluated bucket indices with exactly this set missing. */
  buckets: number[];
}

/** `missing[i]`: the account/region keys bucket i lacks (empty when complete). */
export function signaturesOf(missing: readonly (readonly string[])[], from: number, to: number): Signature[] {
  const by = new Map<string, Signature>();
  for (let i = Math.max(0, from); i <= to && i < missing.length; i++) {
    const excluded = [...missing[i]].sort();
    const id = excluded.join(",");
    const s = by.get(id) ?? { excluded, buckets: [] };
    s.buckets.push(i);
    by.set(id, s);
  }
  return [...by.values()];
}

/** Buckets that lack something outside `excluded`: unusable as history for that signature. */
export function incompleteFor(
  missing: readonly (readonly string[])[],
  excluded: readonly string[],
): boolean[] {
  const set = new Set(excluded);
  return missing.map((m) => m.some((k) => !set.has(k)));
}

/**
 * `values` without the parts of the excluded account/regions; null where the bucket is missing
 * or incomplete. Sums of floating cents can dip a hair under 0 after subtraction: clamped.
 */
export function subtractParts(
  values: Series,
  parts: readonly Series[],
  incomplete: readonly boolean[],
): (number | null)[] {
  return values.map((v, i) => {
    if (v === null || v === undefined || incomplete[i]) return null;
    let rest = v;
    for (const p of parts) rest -= p[i] ?? 0;
    return rest < 1e-9 ? 0 : rest;
  });
}
