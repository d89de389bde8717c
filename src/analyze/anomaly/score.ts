import { expectedErrorAt, type FitOptions, predict, sigmaAt } from "../seasonal.js";
import { fitSeasonalMemo } from "../seasonal-memo.js";
import type { Series } from "../stats.js";
import { median } from "../stats.js";

/** Scores one bucket against a robust baseline fitted on the buckets before it. Pure. */

export interface BucketScore {
  actual: number;
  expected: number;
  impact: number;
  /** Signed robust z-score: impact / sigma. */
  score: number;
  /** Robust sigma of this bucket in USD. */
  sigma: number;
  /** One standard error of `expected` (how far off the baseline itself may be), USD. */
  expectedError: number;
  mode: "seasonal" | "cold";
  /**
   * Cold start only, when the same weekday/hour occurred before: its median and the reference a
   * spike must multiply (the largest earlier same-phase value; with one, also the global median).
   */
  samePhase?: { expected: number; reference: number; count: number };
  /** The expected value without the level shift the fit adopted (only when it adopted one). */
  preShiftExpected?: number;
}

/**
 * `values[index]` against `values[index-historyBuckets .. index-1]`. Null when the bucket itself is
 * missing (cannot judge) or the history is too short for any baseline. A zero bucket is a value
 * (a drop), a null history bucket is skipped (missing, not zero).
 */
export function scoreBucket(
  values: Series,
  index: number,
  period: number,
  historyBuckets: number,
  fitOptions?: FitOptions,
  /** False when the caller needs more fits than the memo holds (seasonal-memo.ts). */
  remember = true,
): BucketScore | null {
  const actual = values[index];
  if (actual === null || actual === undefined) return null;
  const aligned = alignedHistory(values, index, period, historyBuckets);
  const fit = fitSeasonalMemo(aligned, period, fitOptions, remember);
  if (!fit) return null;
  const at = aligned.length;
  const expected = predict(fit, at);
  const impact = actual - expected;
  const sigma = sigmaAt(fit, at);
  const out: BucketScore = {
    actual,
    expected,
    impact,
    score: impact / sigma,
    sigma,
    expectedError: expectedErrorAt(fit, at),
    mode: fit.mode,
  };
  if (fit.preShiftLevel !== undefined)
    out.preShiftExpected = predict({ ...fit, level: fit.preShiftLevel }, at);
  if (fit.mode === "cold") {
    const same: number[] = [];
    for (let i = at - period; i >= 0; i -= period) {
      const v = aligned[i];
      if (v !== null) same.push(v);
    }
    // With one to three weeks of data the global median mixes busy days and quiet weekends; the
    // same weekday is the honest comparison, and its largest value a conservative reference. A
    // single earlier same weekday may be a low draw, so then the global median is a floor too.
    if (same.length >= 1) {
      const reference = same.length >= 2 ? Math.max(...same) : Math.max(same[0], expected);
      out.samePhase = { expected: median(same), reference, count: same.length };
    }
  }
  return out;
}

/** History before `index`, left-padded so `i mod period` keeps its phase (weekday/hour). */
export function alignedHistory(
  values: Series,
  index: number,
  period: number,
  historyBuckets: number,
): Series {
  const start = Math.max(0, index - historyBuckets);
  return [...new Array(start % period).fill(null), ...values.slice(start, index)];
}

/**
 * Best-effort expected value for driver attribution: the same baseline when there is enough
 * history, else the median of what exists, else 0 (a brand-new key explains all of its spend).
 */
export function expectedAt(
  values: Series,
  index: number,
  period: number,
  historyBuckets: number,
  fitOptions?: FitOptions,
  remember = true,
): number {
  const aligned = alignedHistory(values, index, period, historyBuckets);
  const fit = fitSeasonalMemo(aligned, period, fitOptions, remember);
  if (fit) return predict(fit, aligned.length);
  const present = aligned.filter((v): v is number => v !== null);
  return present.length ? median(present) : 0;
}
