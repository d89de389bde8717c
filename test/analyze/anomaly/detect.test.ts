import { describe, expect, it } from "vitest";
import { anomalyId, detectAnomalies, scoreBucket } from "../../../src/analyze/anomaly/index.js";
import { prng } from "../../../tools/anomaly-eval-data.js";

/** Five busy weekdays and a quiet weekend, with seeded ±5% noise. */
function weekly(days: number, busy = 1000, quiet = 100, seed = 1): number[] {
  const rand = prng(seed);
  return Array.from({ length: days }, (_, i) => (i % 7 >= 5 ? quiet : busy) * (1 + 0.1 * (rand() - 0.5)));
}

function run(values: (number | null)[], evalFrom: number, minImpactUsd = 20) {
  return detectAnomalies(
    {
      granularity: "day",
      dimension: "total",
      buckets: values.map((_, i) => `2026-01-${String(i + 1).padStart(2, "0")}`.slice(0, 10)),
      sources: values.map(() => "billed"),
      series: [{ key: null, values }],
      evalFrom,
      evalTo: values.length - 1,
    },
    { minScore: 3.5, minImpactUsd },
  );
}

describe("scoreBucket", () => {
  it.each([
    ["empty history", [5], 0],
    ["one point of history", [5, 6], 1],
    ["three points of history", [5, 6, 7, 8], 3],
    ["missing evaluated bucket", [...weekly(35).slice(0, 34), null], 34],
  ])("%s → no score", (_, values, index) => {
    expect(scoreBucket(values as (number | null)[], index, 7, 70)).toBeNull();
  });

  it("treats a zero evaluated day as a drop, not as missing", () => {
    const values = [...weekly(42), 0];
    const r = scoreBucket(values, 42, 7, 70);
    expect(r?.mode).toBe("seasonal");
    expect(r?.actual).toBe(0);
    expect(r?.score).toBeLessThan(-10);
  });

  it("skips missing history days instead of counting them as $0", () => {
    const values: (number | null)[] = weekly(43);
    for (const i of [3, 11, 19, 27, 36]) values[i] = null;
    const r = scoreBucket(values, 42, 7, 70);
    expect(r?.mode).toBe("seasonal");
    expect(Math.abs(r?.score ?? 99)).toBeLessThan(3.5);
    expect(r?.expected).toBeGreaterThan(900);
  });

  it("uses cold start (global median) for under three weeks of history", () => {
    const r = scoreBucket(weekly(15), 14, 7, 70);
    expect(r?.mode).toBe("cold");
  });

  it("all zeros: nothing unusual about another zero", () => {
    const r = scoreBucket(new Array(50).fill(0), 49, 7, 70);
    expect(r?.expected).toBe(0);
    expect(r?.score).toBe(0);
  });
});

describe("detectAnomalies", () => {
  it("returns nothing for an empty series or one point", () => {
    expect(run([], 0)).toEqual([]);
    expect(run([100], 0)).toEqual([]);
  });

  it("finds nothing on a clean weekly series", () => {
    expect(run(weekly(84), 70)).toEqual([]);
  });

  it("flags a drop to zero on a busy day", () => {
    const values = weekly(71);
    values[70] = 0; // index 70 → weekday 0 (busy)
    const [a] = run(values, 70);
    expect(a).toMatchObject({ direction: "drop", actualUsd: 0, baseline: "seasonal" });
    expect(a.impactUsd).toBeLessThan(-800);
  });

  it("a $250 spike is anomalous on a quiet weekend day but not on a busy weekday", () => {
    const quiet = weekly(76);
    quiet[75] += 250; // index 75 → weekday 5 (quiet, ~$100)
    const busy = weekly(71);
    busy[70] += 250; // busy day ~$1000: within its noise
    expect(run(quiet, 75)).toHaveLength(1);
    expect(run(quiet, 75)[0]).toMatchObject({ direction: "spike", baseline: "seasonal" });
    expect(run(busy, 70)).toEqual([]);
  });

  it("needs both the score and the dollar impact", () => {
    const small = weekly(71, 10, 1);
    small[70] = 25; // huge score, $15 impact
    expect(run(small, 70)).toEqual([]);
    expect(run(small, 70, 10)).toHaveLength(1);
  });

  it("cold start: a big spike still alerts, an ordinary day does not", () => {
    const values = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 600, 101];
    const found = run(values, 8);
    expect(found.map((a) => a.date)).toEqual(["2026-01-11"]);
    expect(found[0].baseline).toBe("cold");
  });

  it("gives a stable id per granularity, series, day and direction", () => {
    const base = { granularity: "day", dimension: "model", key: "Nova Pro", date: "2026-11-20" } as const;
    expect(anomalyId({ ...base, direction: "spike" })).toBe(anomalyId({ ...base, direction: "spike" }));
    expect(anomalyId({ ...base, direction: "spike" })).not.toBe(anomalyId({ ...base, direction: "drop" }));
    expect(anomalyId({ ...base, direction: "spike" })).not.toBe(
      anomalyId({ ...base, granularity: "hour", hour: "2026-11-20T05:00Z", direction: "spike" }),
    );
  });

  it("works on hourly buckets with hour-of-day seasonality", () => {
    const rand = prng(9);
    const values = Array.from({ length: 24 * 10 }, (_, i) => {
      const h = i % 24;
      return (h >= 8 && h < 20 ? 60 : 5) * (1 + 0.1 * (rand() - 0.5));
    });
    values[24 * 9 + 3] = 90; // 03:00 is normally ~$5
    const found = detectAnomalies(
      {
        granularity: "hour",
        dimension: "total",
        buckets: values.map(
          (_, i) =>
            `2026-01-${String(1 + Math.floor(i / 24)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00Z`,
        ),
        sources: values.map(() => "estimated"),
        series: [{ key: null, values }],
        evalFrom: 24 * 9,
        evalTo: values.length - 1,
      },
      { minScore: 3.5, minImpactUsd: 20 },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ hour: "2026-01-10T03:00Z", date: "2026-01-10", source: "estimated" });
  });
});

describe("the end of an adopted level shift", () => {
  /** 3 weeks of hours (busy 08–18), then a loop ×6 for 8 hours, then the usual level again. */
  function loop(hours: number) {
    const rand = prng(5);
    const values = Array.from({ length: 24 * 21 + 24 }, (_, i) => {
      const h = i % 24;
      return (h >= 8 && h <= 18 ? 40 : 12) * (1 + 0.1 * (rand() - 0.5));
    });
    const start = 24 * 21 + 2;
    for (let i = start; i < start + hours; i++) values[i] *= 6;
    return { values, start };
  }
  const hourly = (values: number[], evalFrom: number) =>
    detectAnomalies(
      {
        granularity: "hour",
        dimension: "total",
        buckets: values.map((_, i) => `h${i}`),
        sources: values.map(() => "estimated"),
        series: [{ key: null, values }],
        evalFrom,
        evalTo: values.length - 1,
      },
      { minScore: 3.5, minImpactUsd: 20 },
    );

  it("a loop long enough to become the baseline ends without a drop; a real fall below the old level is one", () => {
    const { values, start } = loop(8);
    const found = hourly(values, start);
    expect(found.filter((a) => a.direction === "drop")).toEqual([]);
    expect(found.filter((a) => a.direction === "spike").length).toBeGreaterThanOrEqual(6);
    // The same loop followed by an outage (a fifth of the old level): that is a drop.
    const outage = [...values];
    for (let i = start + 8; i < start + 11; i++) outage[i] = values[i] * 0.1;
    expect(hourly(outage, start).some((a) => a.direction === "drop")).toBe(true);
  });
});
