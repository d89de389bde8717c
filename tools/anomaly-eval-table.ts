import { UsageError } from "../src/errors.js";
import { alignedTable } from "../src/util/table.js";
import type { EvalFigures } from "./anomaly-eval.js";
import type { IncidentFigures } from "./anomaly-eval-incidents.js";

/** Seeds from the command line: `42`, `1..5`, or several of those; default 42. */
export function parseSeeds(args: string[]): number[] {
  if (args.length === 0) return [42];
  return args.flatMap((a) => {
    const m = /^(\d+)(?:\.\.(\d+))?$/.exec(a);
    if (!m) throw new UsageError(`seed "${a}": expected a number or a range like 1..5`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new UsageError(`seed range "${a}": the end must not be before the start`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

const pct = (v: number) => v.toFixed(3);

/** One row per seed; the 3×-spike recall with its count, and any 3× spikes that sit within noise. */
export function formatFiguresTable(figures: EvalFigures[]): string {
  const headers = [
    "seed",
    "series",
    "alerts",
    "precision",
    "recall 3x (n)",
    "recall 3x cold (n)",
    "3x within noise",
    "recall >=6σ (n)",
    "recall any >=$60",
    "recall drops",
    "recall shifts",
    "clean false alerts",
  ];
  const rows = figures.map((f) => [
    f.seed,
    f.series,
    f.alerts,
    pct(f.precision),
    `${pct(f.recall3x)} (${f.spikes3x})`,
    `${pct(f.recall3xColdStart)} (${f.spikes3xColdStart})`,
    f.spikes3xWithinNoise.length,
    `${pct(f.recallSpikes6Sigma)} (${f.spikes6Sigma})`,
    pct(f.recallSpikesAny),
    pct(f.recallDrops),
    pct(f.recallShifts),
    f.cleanFalseAlerts,
  ]);
  const noisy = figures.flatMap((f) =>
    f.spikes3xWithinNoise.map(
      (w) =>
        `seed ${f.seed} series ${w.series} day ${w.index}: a 3× spike only ${w.sigmas.toFixed(1)} noise sigmas high (${w.found ? "found" : "missed"})`,
    ),
  );
  const notes = noisy.length
    ? ["3× spikes within noise (counted in recall 3x):", ...noisy]
    : ["No 3× spike was within noise (every one ≥ 5 noise sigmas)."];
  return [alignedTable(headers, rows), "", ...notes].join("\n");
}

const ratioText = (found: number, total: number) => (total ? (found / total).toFixed(3) : "—");

/** Incident evaluation (tools/anomaly-eval-incidents.ts): one row per seed and the total. */
export function formatIncidentTable(figures: IncidentFigures[]): string {
  const sum = (k: keyof IncidentFigures) => figures.reduce((s, f) => s + f[k], 0);
  const all: IncidentFigures = {
    seed: -1,
    cases: sum("cases"),
    gapCases: sum("gapCases"),
    partialLogCases: sum("partialLogCases"),
    events: sum("events"),
    inScope: sum("inScope"),
    foundInScope: sum("foundInScope"),
    foundAll: sum("foundAll"),
    incidents: sum("incidents"),
    rightIncidents: sum("rightIncidents"),
    coverageAlerts: sum("coverageAlerts"),
    coverageAnomalies: sum("coverageAnomalies"),
    splitEvents: sum("splitEvents"),
    ms: sum("ms"),
  };
  const headers = [
    "seed",
    "cases",
    "metric gap",
    "logs < 100%",
    "events",
    "recall 3x ≥$20 (n)",
    "recall any",
    "incidents",
    "precision",
    "coverage alerts",
    "split events",
    "ms/case",
  ];
  const row = (f: IncidentFigures) => [
    f.seed < 0 ? "all" : f.seed,
    f.cases,
    f.gapCases,
    f.partialLogCases,
    f.events,
    `${ratioText(f.foundInScope, f.inScope)} (${f.inScope})`,
    ratioText(f.foundAll, f.events),
    f.incidents,
    ratioText(f.rightIncidents, f.incidents),
    f.coverageAlerts,
    f.splitEvents,
    Math.round(f.ms / Math.max(1, f.cases)),
  ];
  return alignedTable(headers, [...figures.map(row), row(all)]);
}
