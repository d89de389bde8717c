import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { evaluate, runAnomalyEval } from "../../tools/anomaly-eval.js";
import { type LabelledSeries, prng } from "../../tools/anomaly-eval-data.js";
import { formatFiguresTable, parseSeeds } from "../../tools/anomaly-eval-table.js";

/** A flat $500/day series, `noise` relative sigma (uniform approximation), 84 days. */
function series(kind: LabelledSeries["kind"], noise: number, seed: number): LabelledSeries {
  const rand = prng(seed);
  const clean = new Array(84).fill(500);
  const values: (number | null)[] = clean.map((c) => c * (1 + noise * Math.sqrt(12) * (rand() - 0.5)));
  return { kind, values, clean, noise, evalFrom: 70, labels: [], ignore: new Set() };
}

function spikeAt(s: LabelledSeries, index: number, ratio: number): LabelledSeries {
  const add = s.clean[index] * (ratio - 1);
  s.values[index] = s.clean[index] + add;
  s.labels.push({
    index,
    direction: "spike",
    impactUsd: add,
    sigmas: add / (s.clean[index] * s.noise),
    ratio,
  });
  return s;
}

describe("anomaly evaluation harness", () => {
  it("counts a found 3× spike, a clean series and a 3× spike lost in extreme noise (listed, not dropped)", () => {
    const f = evaluate([
      series("clean", 0.05, 1),
      spikeAt(series("spikes", 0.05, 2), 75, 3),
      spikeAt(series("spikes", 0.5, 3), 80, 3),
    ]);
    expect(f.spikes3x).toBe(2);
    expect(f.cleanFalseAlerts).toBe(0);
    expect(f.truePositives).toBeGreaterThanOrEqual(1);
    expect(f.spikes3xWithinNoise).toEqual([{ series: 2, index: 80, sigmas: 4, found: expect.any(Boolean) }]);
    expect(f.recall3x).toBe((1 + (f.spikes3xWithinNoise[0].found ? 1 : 0)) / 2);
    expect(formatFiguresTable([f])).toContain(
      "seed 0 series 2 day 80: a 3× spike only 4.0 noise sigmas high",
    );
  });

  it("meets the acceptance target on seed 42: precision ≥ 0.9, 3× recall ≥ 0.85, no clean-series alerts", () => {
    const f = runAnomalyEval(42);
    expect(f.series).toBeGreaterThanOrEqual(200);
    expect(f.spikes3x).toBeGreaterThanOrEqual(50);
    expect(f.precision).toBeGreaterThanOrEqual(0.9);
    expect(f.recall3x).toBeGreaterThanOrEqual(0.85);
    expect(f.cleanFalseAlerts).toBe(0);
    expect(f.spikes3xWithinNoise).toEqual([]);
  });

  it("parses seeds and ranges", () => {
    expect(parseSeeds([])).toEqual([42]);
    expect(parseSeeds(["1..3", "7"])).toEqual([1, 2, 3, 7]);
    expect(() => parseSeeds(["3..1"])).toThrow(UsageError);
    expect(() => parseSeeds(["x"])).toThrow(/seed "x": expected a number or a range like 1..5/);
  });
});
