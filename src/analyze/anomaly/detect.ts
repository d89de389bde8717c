import { FIT_MEMO_CAPACITY } from "../seasonal-memo.js";
import type { Series } from "../stats.js";
import { stableHash } from "../stats.js";
import { candidateBuckets } from "./prescreen.js";
import { type BucketScore, scoreBucket } from "./score.js";
import {
  type Anomaly,
  type AnomalyDimension,
  type AnomalyOptions,
  type CostSource,
  GRANULARITY_SETTINGS,
  type Granularity,
  type Season,
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
  /** Overrides the granularity's default season (e.g. HOUR_OF_WEEK for hours with long history). */
  season?: Season;
  /** Score only buckets a cheap screen cannot rule out (prescreen.ts); for long hourly windows. */
  prescreen?: boolean;
}

export function anomalyId(
  a: Pick<Anomaly, "granularity" | "dimension" | "key" | "date" | "hour" | "direction">,
) {
  return stableHash([a.granularity, a.dimension, a.key ?? "", a.date, a.hour ?? "", a.direction].join("|"));
}

/** Every bucket in [evalFrom, evalTo] that the alert rule (`judge`) flags, largest |impact| first. */
export function detectAnomalies(input: DetectInput, opts: AnomalyOptions): Anomaly[] {
  const season = input.season ?? GRANULARITY_SETTINGS[input.granularity];
  const { period, historyBuckets, fit } = season;
  const out: Anomaly[] = [];
  const buckets = Math.max(0, input.evalTo - Math.max(0, input.evalFrom) + 1);
  const remember = input.series.length * buckets <= FIT_MEMO_CAPACITY / 2;
  for (const s of input.series) {
    const screen = input.prescreen
      ? candidateBuckets(s.values, input.evalFrom, input.evalTo, season, opts, remember)
      : null;
    for (let i = Math.max(0, input.evalFrom); i <= input.evalTo && i < s.values.length; i++) {
      if (screen && !screen[i]) continue;
      const r = judge(scoreBucket(s.values, i, period, historyBuckets, fit, remember), opts);
      if (!r) continue;
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
        baseline: r.baseline,
        drivers: [],
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
}

const DEFAULT_MIN_RATIO = 1.5;

/**
 * A bucket back near the level before an adopted shift: the shift ending (a 6-hour loop stopped, a
 * 3-day outage recovered), which the adopted baseline would otherwise report as the opposite
 * anomaly. "Near" is within 2× of it: the pre-shift level is itself estimated over a window that
 * holds part of the shift.
 */
const RETURN_RATIO = 2;

function endsShift(r: BucketScore): boolean {
  const before = r.preShiftExpected;
  if (before === undefined) return false;
  const shiftedUp = r.expected > before;
  if (shiftedUp && r.impact < 0) return r.actual * RETURN_RATIO >= before;
  if (!shiftedUp && r.impact > 0) return r.actual <= RETURN_RATIO * before;
  return false;
}
const DEFAULT_COLD_SPIKE_RATIO = 2.5;

/**
 * The alert rule for one scored bucket; null = not an anomaly. Seasonal: |score| ≥ minScore,
 * |impact| ≥ minImpactUsd, and the day is at least minChangeRatio × expected (or at most
 * expected / minChangeRatio for a drop): a z-score alone alerts on ordinary 4σ noise days
 * (~1 in 100 series a month) and on baselines a few percent off, a ratio alone on noisy series.
 * Cold start (too little history for weekday factors): the same rule with a higher score bar, or
 * a spike at least coldSpikeRatio × every earlier same weekday (a 3× day is obvious after 10 days).
 */
function judge(r: BucketScore | null, opts: AnomalyOptions) {
  if (!r) return null;
  const minRatio = opts.minChangeRatio ?? DEFAULT_MIN_RATIO;
  if (endsShift(r)) return null;
  const bar = opts.minScore + (r.mode === "cold" ? (opts.coldStartScoreBonus ?? 2) : 0);
  if (
    Math.abs(r.score) >= bar &&
    Math.abs(r.impact) >= opts.minImpactUsd &&
    (r.impact > 0
      ? r.actual >= minRatio * (r.expected + r.expectedError)
      : r.actual * minRatio <= r.expected - r.expectedError)
  ) {
    return { ...r, baseline: r.mode };
  }
  const same = r.samePhase;
  if (!same || r.actual < (opts.coldSpikeRatio ?? DEFAULT_COLD_SPIKE_RATIO) * same.reference) return null;
  const impact = r.actual - same.expected;
  if (impact < opts.minImpactUsd) return null;
  // Reported against the same-weekday median; the score keeps the global cold-start scale.
  return { ...r, expected: same.expected, impact, score: impact / r.sigma, baseline: r.mode };
}
