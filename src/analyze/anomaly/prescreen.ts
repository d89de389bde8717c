import { fitSeasonal, predict, type Series } from "../seasonal.js";
import { alignedHistory } from "./score.js";
import type { AnomalyOptions, Season } from "./types.js";

/**
 * A cheap screen before the one-step-ahead scoring of every bucket, which refits the baseline per
 * bucket (a few ms each: 17 hourly series × 48 hours would take seconds). One fit on the history
 * before the window predicts every bucket of it; a bucket within half the dollar bar or within
 * 1.2× of that prediction cannot pass the real rule (≥ minImpactUsd and ≥ 1.5× the baseline), as
 * long as the baseline has not moved since. It moves materially only by adopting a level shift,
 * which takes buckets far from it, and those pass the screen: so from the first candidate on,
 * every later bucket of the series is scored in full. Pure; true = score this bucket.
 */
export function candidateBuckets(
  values: Series,
  evalFrom: number,
  evalTo: number,
  season: Season,
  opts: AnomalyOptions,
): boolean[] {
  const out = new Array<boolean>(values.length).fill(false);
  const start = Math.max(0, evalFrom);
  const aligned = alignedHistory(values, start, season.period, season.historyBuckets);
  const fit = fitSeasonal(aligned, season.period, season.fit);
  const offset = aligned.length - start;
  let open = fit === null || fit.mode === "cold";
  for (let i = start; i <= evalTo && i < values.length; i++) {
    const actual = values[i];
    if (!open && actual !== null && actual !== undefined && fit) {
      const e = predict(fit, i + offset);
      const far = Math.abs(actual - e) >= opts.minImpactUsd / 2;
      open = far && (actual >= 1.2 * e || actual * 1.2 <= e);
    }
    out[i] = open;
  }
  return out;
}
