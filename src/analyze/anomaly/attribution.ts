import type { Series } from "../stats.js";
import { median } from "../stats.js";
import type { KeyedSeries } from "./detect.js";
import type { CostSource } from "./types.js";

/**
 * Principals on ESTIMATED days are known only where invocation logs attribute tokens (often a
 * sample); the rest sits in the unattributed bucket (key null). Per estimated day, the attributed
 * share of spend is compared with the share in the weeks before: at ≥ 95% of it principals compare
 * as they are (full), at ≥ 50% each principal's spend is scaled up by the missing part and only
 * spikes count (share; a sampled principal can look low by chance), below that they are not
 * compared (skipped). The unattributed bucket never alerts on an estimated day. Pure.
 */

export const FULL_ATTRIBUTION = 0.95;
export const SHARE_ATTRIBUTION = 0.5;
/** History days whose median attributed share is the reference. */
const REFERENCE_DAYS = 28;

export type AttributionCompared = "full" | "share" | "skipped";

export interface AttributionDay {
  /** Attributed share relative to the reference, capped at 1; null when unknown. */
  pct: number | null;
  compared: AttributionCompared;
  /** The day's attributed spend × scale ≈ the whole day (1 unless `share`). */
  scale: number;
}

/** Per bucket: the share of spend carried by a named principal; null where there is no spend. */
export function attributedShares(series: readonly KeyedSeries[], length: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < length; i++) {
    let all = 0;
    let named = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      all += v;
      if (s.key !== null) named += v;
    }
    out.push(all > 0 ? named / all : null);
  }
  return out;
}

export function attributionDays(
  shares: readonly (number | null)[],
  sources: readonly CostSource[],
  evalFrom: number,
): AttributionDay[] {
  const window = shares.slice(Math.max(0, evalFrom - REFERENCE_DAYS), evalFrom);
  const known = window.filter((s): s is number => s !== null);
  const reference = known.length ? median(known) : null;
  return shares.map((share, i) => {
    if (sources[i] !== "estimated") return { pct: 1, compared: "full", scale: 1 };
    if (share === null || reference === null || reference < 0.01)
      return { pct: null, compared: "skipped", scale: 1 };
    const pct = Math.min(1, share / reference);
    if (pct >= FULL_ATTRIBUTION) return { pct, compared: "full", scale: 1 };
    if (pct >= SHARE_ATTRIBUTION) return { pct, compared: "share", scale: 1 / pct };
    return { pct, compared: "skipped", scale: 1 };
  });
}

/** Principal series as they can be compared: scaled on `share` days, missing on `skipped` ones. */
export function applyAttribution(
  series: readonly KeyedSeries[],
  days: readonly AttributionDay[],
  sources: readonly CostSource[],
): KeyedSeries[] {
  return series.map((s) => ({
    key: s.key,
    values: s.values.map((v, i): Series[number] => {
      if (v === null || v === undefined || sources[i] !== "estimated") return v ?? null;
      if (s.key === null || days[i].compared === "skipped") return null;
      return v * days[i].scale;
    }),
  }));
}
