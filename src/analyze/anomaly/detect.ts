import type { Series } from "../seasonal.js";
import { stableHash } from "../stats.js";
import { scoreBucket } from "./score.js";
import {
  type Anomaly,
  type AnomalyDimension,
  type AnomalyOptions,
  type CostSource,
  GRANULARITY_SETTINGS,
  type Granularity,
} from "./types.js";

/** Finds spikes and drops in keyed series over one bucket grid. Pure: series in, findings out. */

export interface KeyedSeries {
  key: string | null;
  values: Series;
}

export interface DetectInput {
  granularity: Granularity;
  dimension: AnomalyDimension;
  /** Consecutive bucket labels: `YYYY-MM-DD` for days, `YYYY-MM-DDTHH:00Z` for hours. */
  buckets: string[];
  /** Where each bucket's numbers come from (billed CUR or estimate). */
  sources: CostSource[];
  series: KeyedSeries[];
  /** Index range evaluated, inclusive; earlier buckets are history only. */
  evalFrom: number;
  evalTo: number;
}

export function anomalyId(
  a: Pick<Anomaly, "granularity" | "dimension" | "key" | "date" | "hour" | "direction">,
) {
  return stableHash([a.granularity, a.dimension, a.key ?? "", a.date, a.hour ?? "", a.direction].join("|"));
}

/** Every bucket in [evalFrom, evalTo] whose robust score and dollar impact both clear the bars. */
export function detectAnomalies(input: DetectInput, opts: AnomalyOptions): Anomaly[] {
  const { period, historyBuckets } = GRANULARITY_SETTINGS[input.granularity];
  const out: Anomaly[] = [];
  for (const s of input.series) {
    for (let i = Math.max(0, input.evalFrom); i <= input.evalTo && i < s.values.length; i++) {
      const r = scoreBucket(s.values, i, period, historyBuckets);
      if (!r) continue;
      const bar = opts.minScore + (r.mode === "cold" ? (opts.coldStartScoreBonus ?? 2) : 0);
      if (Math.abs(r.score) < bar || Math.abs(r.impact) < opts.minImpactUsd) continue;
      const label = input.buckets[i];
      const base = {
        date: label.slice(0, 10),
        ...(input.granularity === "hour" ? { hour: label } : {}),
        granularity: input.granularity,
        dimension: input.dimension,
        key: s.key,
        direction: r.impact > 0 ? ("spike" as const) : ("drop" as const),
      };
      out.push({
        id: anomalyId(base),
        ...base,
        actualUsd: r.actual,
        expectedUsd: r.expected,
        impactUsd: r.impact,
        score: Math.abs(r.score),
        source: input.sources[i] ?? "billed",
        baseline: r.mode,
        drivers: [],
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
}
