import type { Series } from "./stats.js";
import { mean, median } from "./stats.js";

/**
 * Ratio-to-centred-moving-average per phase, median over cycles, normalized to mean 1. A centred
 * window spans exactly one cycle, so growth does not bias the factors; it is trimmed (largest and
 * smallest dropped) so one spike does not depress its neighbours' ratios. Null while some phase has
 * fewer than three ratios: a median of two is a mean, and one old spike would become "the pattern".
 */
export function seasonalFactors(
  values: Series,
  period: number,
): { factors: number[]; minRatios: number } | null {
  const half = Math.floor(period / 2);
  const ratios: number[][] = Array.from({ length: period }, () => []);
  for (let t = half; t - half + period <= values.length; t++) {
    const v = values[t];
    if (v === null) continue;
    const win = trimmedWindowMean(values, t - half, period);
    if (win !== null && win > 0) ratios[t % period].push(v / win);
  }
  const minRatios = Math.min(...ratios.map((r) => r.length));
  if (minRatios < 3) return null;
  const raw = ratios.map((r) => trimmedMean(r));
  const norm = mean(raw);
  return norm > 0 ? { factors: raw.map((r) => r / norm), minRatios } : null;
}

/**
 * Mean of values[from .. from+period-1] without its largest and smallest. One missing bucket is
 * tolerated (a lost day should not cost seven ratios); more → null.
 */
function trimmedWindowMean(values: Series, from: number, period: number): number | null {
  const xs: number[] = [];
  for (let i = from; i < from + period; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) xs.push(v);
  }
  if (xs.length < period - 1 || xs.length === 0) return null;
  if (xs.length < 4) return mean(xs);
  // Without sorting (this runs once per bucket over a whole cycle: 168 values for hour-of-week).
  let sum = 0;
  let lo = xs[0];
  let hi = xs[0];
  for (const x of xs) {
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return (sum - lo - hi) / (xs.length - 2);
}

/**
 * Mean of the middle half (a quarter cut from each end; a median below 4 values): as robust as the
 * median to an old spike or two on the same weekday (an incident, then its repeat), less noisy.
 */
function trimmedMean(xs: number[]): number {
  if (xs.length < 4) return median(xs);
  const cut = Math.max(1, Math.floor(xs.length / 4));
  const s = [...xs].sort((a, b) => a - b);
  return mean(s.slice(cut, s.length - cut));
}
