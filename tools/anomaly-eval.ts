import { pathToFileURL } from "node:url";
import { detectAnomalies } from "../src/analyze/anomaly/index.js";
import { generateSet, type LabelledSeries } from "./anomaly-eval-data.js";

/**
 * Precision/recall of detect_anomalies' daily detector on labelled synthetic series.
 * `npx tsx tools/anomaly-eval.ts [seed]` prints the figures; `npm run bench -- anomaly-eval` too.
 */

export interface EvalFigures {
  series: number;
  alerts: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  /** Spikes with impact ≥ 3 × the $ floor and ≥ 6 noise sigmas (visible to any detector). */
  recallSpikes: number;
  spikesQualifying: number;
  /** The same spikes on cold-start series (< 3 weeks of history: higher bar, lower recall). */
  recallSpikesColdStart: number;
  spikesColdStart: number;
  /** Spikes ≥ 3 × the $ floor at any sigma (informative: small-sigma ones are drowned in noise). */
  recallSpikesAnySigma: number;
  recallDrops: number;
  recallShifts: number;
  /** Alerts on series with only seasonality + growth (+ noise, missing days, old incidents). */
  cleanFalseAlerts: number;
}

const MIN_IMPACT = 20;
const MIN_SCORE = 3.5;

function alertsOf(s: LabelledSeries) {
  return detectAnomalies(
    {
      granularity: "day",
      dimension: "total",
      buckets: s.values.map((_, i) => `d${i}`),
      sources: s.values.map(() => "billed"),
      series: [{ key: null, values: s.values }],
      evalFrom: s.evalFrom,
      evalTo: s.values.length - 1,
    },
    { minScore: MIN_SCORE, minImpactUsd: MIN_IMPACT },
  ).map((a) => ({ index: Number(a.date.slice(1)), direction: a.direction }));
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function evaluate(set: LabelledSeries[]): EvalFigures {
  let tp = 0;
  let fp = 0;
  let cleanFp = 0;
  const hits = { spikes: [0, 0], cold: [0, 0], spikesAny: [0, 0], drops: [0, 0], shifts: [0, 0] };
  for (const s of set) {
    const alerts = alertsOf(s);
    for (const a of alerts) {
      if (s.ignore.has(a.index)) continue;
      const label = s.labels.find((l) => l.index === a.index && l.direction === a.direction);
      if (label) tp++;
      else {
        fp++;
        if (s.kind === "clean") cleanFp++;
      }
    }
    for (const l of s.labels) {
      const found = alerts.some((a) => a.index === l.index && a.direction === l.direction) ? 1 : 0;
      const big = l.impactUsd >= 3 * MIN_IMPACT;
      const bucket =
        s.kind === "shift" ? hits.shifts : l.direction === "drop" ? hits.drops : big ? hits.spikesAny : null;
      if (!bucket || !big) continue;
      bucket[0] += found;
      bucket[1]++;
      if (bucket === hits.spikesAny && l.sigmas >= 6) {
        const set = s.kind === "cold" && l.index < 21 ? hits.cold : hits.spikes;
        set[0] += found;
        set[1]++;
      }
    }
  }
  return {
    series: set.length,
    alerts: tp + fp,
    truePositives: tp,
    falsePositives: fp,
    precision: ratio(tp, tp + fp),
    recallSpikes: ratio(hits.spikes[0], hits.spikes[1]),
    spikesQualifying: hits.spikes[1],
    recallSpikesColdStart: ratio(hits.cold[0], hits.cold[1]),
    spikesColdStart: hits.cold[1],
    recallSpikesAnySigma: ratio(hits.spikesAny[0], hits.spikesAny[1]),
    recallDrops: ratio(hits.drops[0], hits.drops[1]),
    recallShifts: ratio(hits.shifts[0], hits.shifts[1]),
    cleanFalseAlerts: cleanFp,
  };
}

export function runAnomalyEval(seed = 42): EvalFigures {
  return evaluate(generateSet(seed));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const figures = runAnomalyEval(Number(process.argv[2] ?? 42));
  console.log(JSON.stringify({ ...figures, ms: Math.round(performance.now() - started) }, null, 2));
}
