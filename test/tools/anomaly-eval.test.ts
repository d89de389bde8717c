import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { evaluate, runAnomalyEval } from "../../tools/anomaly-eval.js";
import { type LabelledSeries, prng } from "../../tools/anomaly-eval-data.js";
import { runOrgCase, scoreCase } from "../../tools/anomaly-eval-incidents.js";
import { generateOrgCase } from "../../tools/anomaly-eval-org.js";
import { formatFiguresTable, formatIncidentTable, parseSeeds } from "../../tools/anomaly-eval-table.js";

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

describe("incident evaluation on organizations in real stores", () => {
  it("generates varied organizations: accounts, regions, models, log shares, metric gaps, runaways", () => {
    const cases = Array.from({ length: 40 }, (_, i) => generateOrgCase(i + 1));
    const accounts = new Set(cases.map((c) => new Set(c.store.traffic.map((t) => t.account)).size));
    const models = new Set(cases.flatMap((c) => c.store.traffic.map((t) => t.modelId)));
    expect([...accounts].sort()).toEqual([2, 3, 4]);
    expect(models.size).toBeGreaterThanOrEqual(6);
    expect(new Set(cases.map((c) => c.store.logShare)).size).toBeGreaterThanOrEqual(4);
    expect(cases.filter((c) => c.gap?.through === null).length).toBeGreaterThan(3);
    expect(cases.filter((c) => c.gap && c.gap.through !== null).length).toBeGreaterThan(3);
    expect(cases.filter((c) => c.events.length === 0).length).toBeGreaterThan(3);
    expect(new Set(cases.flatMap((c) => c.events.map((e) => e.factor))).size).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.store.logsFrom).length).toBeGreaterThan(3);
  });

  // A gap that opens on the first estimated day (5% of requests logged), and an account denied
  // metrics from the start (20% logged): each runaway is one incident, nothing else alerts.
  it.each([52, 22])(
    "organization %i: the runaway is found, the gap is a data gap, no alert from coverage",
    async (seed) => {
      const c = generateOrgCase(seed);
      expect(c.gap).not.toBeNull();
      expect(c.store.logShare).toBeLessThanOrEqual(0.2);
      const { out } = await runOrgCase(c);
      const s = scoreCase(c, out);
      expect(s).toMatchObject({
        inScope: 1,
        foundInScope: 1,
        incidents: 1,
        rightIncidents: 1,
        coverageAlerts: 0,
        splitEvents: 0,
      });
      expect(out.dataGaps.map((g) => [g.account, g.source])).toEqual([[c.gap?.account, "metrics"]]);
      expect(out.coverage.some((x) => x.compared === "covered_part")).toBe(true);
    },
    60_000,
  );

  it("scores a drop, the gap account or the unattributed bucket as coverage alerts, a second incident as a split", () => {
    const c = generateOrgCase(52);
    const e = c.events[0];
    const incident = (over: object) => ({
      id: "inc-1",
      title: "t",
      start: e.hours[0],
      end: e.hours[0],
      peak: e.hours[0],
      granularity: "hour" as const,
      direction: "spike" as const,
      impactUsd: 100,
      actualUsd: 120,
      expectedUsd: 20,
      source: "estimated" as const,
      driverChain: [{ dimension: "model", key: e.model }],
      hours: [e.hours[0]],
      anomalyIds: [],
      ...over,
    });
    const out = {
      from: "x",
      to: "x",
      anomalies: [],
      notes: [],
      coverage: [],
      dataGaps: [],
      incidents: [
        incident({}),
        incident({ id: "inc-2" }),
        incident({ id: "inc-3", direction: "drop" }),
        incident({
          id: "inc-4",
          driverChain: [{ dimension: "account", key: c.gap?.account }],
          hours: ["2020-01-01T00:00Z"],
        }),
      ],
    };
    expect(scoreCase(c, out)).toMatchObject({
      incidents: 4,
      rightIncidents: 2,
      coverageAlerts: 2,
      splitEvents: 1,
    });
    expect(formatIncidentTable([])).toContain("all");
  });
});
