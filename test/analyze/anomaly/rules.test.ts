import { describe, expect, it } from "vitest";
import { type AnomalyOptions, detectAnomalies } from "../../../src/analyze/anomaly/index.js";
import { prng } from "../../../tools/anomaly-eval-data.js";

/** Busy weekdays and 20% weekends (days 5 and 6 of each week), with seeded ±`noise`/2 noise. */
function weekly(days: number, busy: number, noise: number, seed = 5): number[] {
  const rand = prng(seed);
  return Array.from(
    { length: days },
    (_, i) => (i % 7 >= 5 ? busy * 0.2 : busy) * (1 + noise * (rand() - 0.5)),
  );
}

function run(values: (number | null)[], evalFrom: number, opts: Partial<AnomalyOptions> = {}) {
  return detectAnomalies(
    {
      granularity: "day",
      dimension: "total",
      buckets: values.map((_, i) => `d${String(i).padStart(3, "0")}`),
      sources: values.map(() => "billed"),
      series: [{ key: null, values }],
      evalFrom,
      evalTo: values.length - 1,
    },
    { minScore: 3.5, minImpactUsd: 20, ...opts },
  ).map((a) => ({ day: Number(a.date.slice(1)), direction: a.direction, baseline: a.baseline, a }));
}

describe("alert rule: score, dollars and ratio", () => {
  it("a 1.25× day on a very steady series is many sigmas but not an anomaly; 1.6× is", () => {
    const values = weekly(71, 2000, 0.02);
    values[70] = 2500; // +$500, ~10σ at ±1% noise, but only 1.25×
    expect(run(values, 70)).toEqual([]);
    expect(run(values, 70, { minChangeRatio: 1.1 }).map((f) => f.day)).toEqual([70]);
    values[70] = 3200;
    expect(run(values, 70).map((f) => [f.day, f.direction])).toEqual([[70, "spike"]]);
  });

  it("a drop needs to be below expected / 1.5", () => {
    const values = weekly(71, 2000, 0.02);
    values[70] = 1600;
    expect(run(values, 70)).toEqual([]);
    values[70] = 1200;
    expect(run(values, 70).map((f) => f.direction)).toEqual(["drop"]);
  });
});

describe("level shifts", () => {
  it("a doubled workload alerts on its first days, then becomes the new normal", () => {
    const values = weekly(84, 1000, 0.1);
    for (let i = 70; i < 84; i++) values[i] *= 2.5;
    const found = run(values, 70)
      .map((f) => f.day)
      .sort((a, b) => a - b);
    expect(found).toEqual([70, 71, 72]);
  });
});

describe("cold start", () => {
  it("a 3× weekday after 10 days is flagged against the same weekday", () => {
    const values = weekly(15, 1000, 0.1);
    values[14] = 3000; // day 14: a busy weekday; the global median mixes in the $200 weekends
    const [f] = run(values, 14);
    expect(f).toMatchObject({ day: 14, direction: "spike", baseline: "cold" });
    expect(f.a.expectedUsd).toBeGreaterThan(900);
    expect(f.a.expectedUsd).toBeLessThan(1100);
    expect(f.a.impactUsd).toBeCloseTo(3000 - f.a.expectedUsd, 9);
  });

  it("a 3× weekend day is flagged too (against the weekends), ordinary days are not", () => {
    const values = weekly(20, 1000, 0.1);
    values[19] = 600; // day 19 is a weekend day (~$200)
    expect(run(values, 19).map((f) => f.day)).toEqual([19]);
    expect(run(weekly(20, 1000, 0.1), 8)).toEqual([]);
  });

  it("with one earlier same weekday, the global median is a floor for the reference", () => {
    const values = weekly(10, 1000, 0.1);
    values[6] = 150; // day 6 (weekend) is the only earlier same weekday of day 13
    const weekend = [...values, 1000, 1000, 1000, 600]; // day 13: 4× the weekend, below 2.5× the median
    expect(run(weekend, 13)).toEqual([]);
    values[9] = 2800; // day 9: one earlier same weekday (day 2, ~$1000); 2.8× both
    expect(run(values, 9).map((f) => [f.day, f.baseline])).toEqual([[9, "cold"]]);
  });
});
