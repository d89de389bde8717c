import { runAnomalyEval } from "../anomaly-eval.js";
import { evaluateIncidents, type IncidentFigures } from "../anomaly-eval-incidents.js";
import type { Bench, BenchResult } from "./types.js";

/** Seeds of the incident evaluation (5 organizations each, real stores): the acceptance needs ≥ 20. */
const INCIDENT_SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

const r = (metric: string, value: number, unit: string, target?: string, pass?: boolean): BenchResult => ({
  bench: "anomaly-eval",
  metric,
  value,
  unit,
  ...(target ? { target, pass } : {}),
});

/**
 * Detector quality on 300 labelled synthetic daily series (tools/anomaly-eval-data.ts, seed 42),
 * and incident quality on 100 labelled organizations in real stores (seeds 1..20,
 * tools/anomaly-eval-incidents.ts): estimated days with partial invocation logs and metric gaps.
 */
export const anomalyEvalBench: Bench = {
  name: "anomaly-eval",
  async run(): Promise<BenchResult[]> {
    const started = performance.now();
    const f = runAnomalyEval(42);
    const ms = performance.now() - started;
    const series = [
      r("precision", f.precision, "ratio", ">= 0.9", f.precision >= 0.9),
      r("recall spikes >= 3x and >= $20", f.recall3x, "ratio", ">= 0.85", f.recall3x >= 0.85),
      r("clean-series false alerts", f.cleanFalseAlerts, "count", "0", f.cleanFalseAlerts === 0),
      r("3x spikes within noise", f.spikes3xWithinNoise.length, "count"),
      r("recall spikes >= 3x (cold start)", f.recall3xColdStart, "ratio"),
      r("recall spikes >= 6 sigma and >= $60", f.recallSpikes6Sigma, "ratio"),
      r("recall spikes >= $60, any size", f.recallSpikesAny, "ratio"),
      r("recall drops", f.recallDrops, "ratio"),
      r("recall level shifts (onset)", f.recallShifts, "ratio"),
      r("alerts", f.alerts, "count"),
      r("series", f.series, "count"),
      r("run time", ms, "ms"),
    ];
    const figures: IncidentFigures[] = [];
    for (const seed of INCIDENT_SEEDS) figures.push(await evaluateIncidents(seed));
    const sum = (k: keyof IncidentFigures) => figures.reduce((s, x) => s + x[k], 0);
    const precision = sum("rightIncidents") / Math.max(1, sum("incidents"));
    const recall = sum("foundInScope") / Math.max(1, sum("inScope"));
    return [
      ...series,
      r("incident precision (20 seeds)", precision, "ratio", ">= 0.95", precision >= 0.95),
      r("incident recall spikes >= 3x and >= $20", recall, "ratio", ">= 0.9", recall >= 0.9),
      r("alerts caused by coverage gaps", sum("coverageAlerts"), "count", "0", sum("coverageAlerts") === 0),
      r("events reported as several incidents", sum("splitEvents"), "count"),
      r(
        "organizations (metric gap / logs < 100%)",
        sum("cases"),
        `count (${sum("gapCases")} / ${sum("partialLogCases")})`,
      ),
      r("in-scope events", sum("inScope"), "count"),
      r("detect_anomalies per organization", sum("ms") / Math.max(1, sum("cases")), "ms"),
    ];
  },
};
