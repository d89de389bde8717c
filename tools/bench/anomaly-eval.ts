import { runAnomalyEval } from "../anomaly-eval.js";
import type { Bench, BenchResult } from "./types.js";

/** Detector quality on 300 labelled synthetic series (tools/anomaly-eval-data.ts), seed 42. */
export const anomalyEvalBench: Bench = {
  name: "anomaly-eval",
  async run(): Promise<BenchResult[]> {
    const started = performance.now();
    const f = runAnomalyEval(42);
    const ms = performance.now() - started;
    const r = (metric: string, value: number, unit: string, target?: string, pass?: boolean) => ({
      bench: "anomaly-eval",
      metric,
      value,
      unit,
      ...(target ? { target, pass } : {}),
    });
    return [
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
  },
};
