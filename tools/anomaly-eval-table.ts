import { UsageError } from "../src/errors.js";
import { alignedTable } from "../src/util/table.js";
import type { EvalFigures } from "./anomaly-eval.js";

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
