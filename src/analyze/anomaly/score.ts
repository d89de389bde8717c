import { fitSeasonal, predict, type Series, sigmaAt } from "../seasonal.js";
import { median } from "../stats.js";

/** Scores one bucket against a robust baseline fitted on the buckets before it. Pure. */

export interface BucketScore {
  actual: number;
  expected: number;
  impact: number;
  /** Signed robust z-score. */
  score: number;
  mode: "seasonal" | "cold";
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
): BucketScore | null {
  const actual = values[index];
  if (actual === null || actual === undefined) return null;
  const start = Math.max(0, index - historyBuckets);
  const history = values.slice(start, index);
  // Keep the phase: index mod period must mean the same weekday/hour in the slice.
  const pad = start % period;
  const aligned: Series = [...new Array(pad).fill(null), ...history];
  const fit = fitSeasonal(aligned, period);
  if (!fit) return null;
  const at = aligned.length;
  const expected = predict(fit, at);
  const impact = actual - expected;
  return { actual, expected, impact, score: impact / sigmaAt(fit, at), mode: fit.mode };
}

/**
 * Best-effort expected value for driver attribution: the same baseline when there is enough
 * history, else the median of what exists, else 0 (a brand-new key explains all of its spend).
 */
export function expectedAt(values: Series, index: number, period: number, historyBuckets: number): number {
  const start = Math.max(0, index - historyBuckets);
  const pad = start % period;
  const aligned: Series = [...new Array(pad).fill(null), ...values.slice(start, index)];
  const fit = fitSeasonal(aligned, period);
  if (fit) return predict(fit, aligned.length);
  const present = aligned.filter((v): v is number => v !== null);
  return present.length ? median(present) : 0;
}
