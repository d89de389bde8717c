import type { Series } from "./stats.js";
import { median } from "./stats.js";

/**
 * Level-shift adoption. The level is a median of the last two weeks, so after a real step (a new
 * workload, a model switch) it needs 7+ days with data to move, and each of those days alerts
 * again. If the most recent r days with data (minRun ≤ r ≤ maxRun) all sit on one side of the
 * level before them, their first day and at least 80% of them far from it (≥ minSigmas sigmas
 * and ≥ minRatio ×, or ≤ 1 / minRatio ×), the series has shifted: the new level is the median of
 * those r days. The longest such run wins. A one- or two-day spike never qualifies. Pure.
 */

export interface ShiftOptions {
  /** Fewest recent days (with data) that make a shift (default 3). */
  minRun?: number;
  /** Longest run looked at (default 14: beyond it the ordinary level has moved already). */
  maxRun?: number;
  minSigmas?: number;
  minRatio?: number;
}

/** The adopted level and the days behind it, or null when the recent days do not show a shift. */
export function adoptLevelShift(
  d: Series,
  slope: number,
  ref: number,
  sigma: number,
  opts: ShiftOptions = {},
): { level: number; points: number } | null {
  const minRun = opts.minRun ?? 3;
  const maxRun = opts.maxRun ?? 14;
  const minSigmas = opts.minSigmas ?? 3;
  const minRatio = opts.minRatio ?? 1.5;
  // Trend-adjusted to `ref`, most recent first.
  const xs: number[] = [];
  for (let i = ref; i >= 0; i--) {
    const v = d[i];
    if (v !== null && v !== undefined) xs.push(v - slope * (i - ref));
  }
  const far = (x: number, level: number) =>
    Math.abs(x - level) >= minSigmas * sigma && (x > level ? x >= minRatio * level : x * minRatio <= level);
  for (let r = Math.min(maxRun, xs.length - minRun); r >= minRun; r--) {
    const run = xs.slice(0, r);
    const before = median(xs.slice(r, r + maxRun));
    if (!(before > 0)) continue;
    const up = run[r - 1] > before;
    if (!run.every((x) => x > before === up)) continue;
    // Noise may bring a day of a real shift back near the old level; spikes two days apart must not
    // look like a shift, so at least 80% of the run (all of a 3- or 4-day run) must be far.
    const farDays = run.filter((x) => far(x, before)).length;
    if (far(run[r - 1], before) && farDays >= Math.ceil(0.8 * r)) return { level: median(run), points: r };
  }
  return null;
}
