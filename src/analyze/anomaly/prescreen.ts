import { predict } from "../seasonal.js";
import { fitSeasonalMemo } from "../seasonal-memo.js";
import type { Series } from "../stats.js";
import { alignedHistory } from "./score.js";
import type { AnomalyOptions, Season } from "./types.js";

/**
 * A cheap screen before the one-step-ahead scoring of every bucket, which refits the baseline per
 * bucket (a few ms each: 17 hourly series × 48 hours would take seconds). One fit on the history
 * before the window predicts every bucket of it; a bucket within half the dollar bar or within
 * 1.2× of that prediction cannot pass the real rule (≥ minImpactUsd and ≥ 1.5× the baseline), as
 * long as the baseline has not moved since. It moves materially only by adopting a level shift,
 * which takes a run of buckets far from it (the shift's minRun), and those pass the screen: once
 * such a run is seen, every later bucket of the series is scored in full. Pure; true = score it.
 */
export function candidateBuckets(
  values: Series,
  evalFrom: number,
  evalTo: number,
  season: Season,
  opts: AnomalyOptions,
  remember = true,
): boolean[] {
  const out = new Array<boolean>(values.length).fill(false);
  const start = Math.max(0, evalFrom);
  const aligned = alignedHistory(values, start, season.period, season.historyBuckets);
  const fit = fitSeasonalMemo(aligned, season.period, season.fit, remember);
  const offset = aligned.length - start;
  const minRun = season.fit?.shift?.minRun ?? 3;
  let sticky = fit === null || fit.mode === "cold";
  let run = 0;
  for (let i = start; i <= evalTo && i < values.length; i++) {
    const actual = values[i];
    let candidate = false;
    if (!sticky && actual !== null && actual !== undefined && fit) {
      const e = predict(fit, i + offset);
      candidate = Math.abs(actual - e) >= opts.minImpactUsd / 2 && (actual >= 1.2 * e || actual * 1.2 <= e);
    }
    run = candidate ? run + 1 : 0;
    if (run >= minRun) sticky = true;
    out[i] = sticky || candidate;
  }
  return out;
}
