import type { Series } from "./stats.js";
import { MAD_TO_SIGMA, mad, median } from "./stats.js";

/**
 * Noise from seasonal differences d[t] − d[t−P] (their MAD): a level shift or a spike in the
 * history touches few differences, so the scale stays honest. Cost noise is multiplicative (a
 * series that doubled is twice as noisy in dollars), so each difference is taken relative to the
 * local level (median of the cycle it spans, so a trend or an old level shift does not inflate it)
 * and rescaled to today's level. Not relative to the pair's own mean: dividing by a mean that
 * contains the noise compresses the large differences and under-states noisy series by ~25%.
 */
export function seasonalDiffSigma(
  d: Series,
  period: number,
  level: number,
): { sigma: number; points: number } {
  const diffs: number[] = [];
  const spans = level > 0 ? spanMedians(d, period) : [];
  for (let t = period; t < d.length; t++) {
    const a = d[t];
    const b = d[t - period];
    if (a === null || b === null) continue;
    if (!(level > 0)) {
      diffs.push(a - b);
      continue;
    }
    const base = Math.max(spans[t], 0.25 * level);
    diffs.push(((a - b) / base) * level);
  }
  if (diffs.length < 5) {
    const xs = d.filter((v): v is number => v !== null);
    return { sigma: MAD_TO_SIGMA * mad(xs), points: xs.length };
  }
  return { sigma: trimmedSigma(diffs) / Math.SQRT2, points: diffs.length };
}

/**
 * Median of the non-null d[t−period..t] for every t ≥ period, from one sorted sliding window
 * (sorting each span anew costs seconds on hour-of-week series: 169-value spans × 500 buckets).
 */
function spanMedians(d: Series, period: number): number[] {
  const out = new Array<number>(d.length).fill(Number.NaN);
  const win: number[] = [];
  const insert = (v: number) => win.splice(lowerBound(win, v), 0, v);
  const remove = (v: number) => win.splice(lowerBound(win, v), 1);
  for (let i = 0; i < period && i < d.length; i++) if (d[i] !== null) insert(d[i] as number);
  for (let t = period; t < d.length; t++) {
    if (d[t] !== null) insert(d[t] as number);
    if (t - period - 1 >= 0 && d[t - period - 1] !== null) remove(d[t - period - 1] as number);
    const n = win.length;
    if (n) out[t] = n % 2 ? win[n >> 1] : (win[(n >> 1) - 1] + win[n >> 1]) / 2;
  }
  return out;
}

function lowerBound(xs: number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Standard deviation of the values within 3 MAD-sigmas of their median (rescaled for the cut).
 * As robust to a few spikes as the MAD, but a MAD of ~60 points is itself off by ±17% (1 sd),
 * and an under-stated sigma is exactly what makes ordinary days alert; this is off by ±10%.
 */
function trimmedSigma(xs: number[]): number {
  const m = median(xs);
  const cut = 3 * MAD_TO_SIGMA * mad(xs);
  const kept = xs.filter((x) => Math.abs(x - m) <= cut);
  if (cut === 0 || kept.length < 5) return MAD_TO_SIGMA * mad(xs);
  let ss = 0;
  for (const x of kept) ss += (x - m) ** 2;
  // A normal sample cut at ±3σ keeps 98.7% of its standard deviation.
  return Math.sqrt(ss / kept.length) / 0.9866;
}
