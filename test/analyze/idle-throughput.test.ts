import { describe, expect, it } from "vitest";
import { findIdleThroughput, lookbackHours } from "../../src/analyze/idle-throughput.js";
import type { PtFacts } from "../../src/domain/facts.js";

const now = new Date("2026-11-26T12:30:00Z");
const pt = (p: Partial<PtFacts>): PtFacts => ({
  arn: "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1",
  name: "pt",
  accountId: "111111111111",
  region: "us-east-1",
  model: "Nova Pro",
  modelUnits: 1,
  commitment: null,
  commitmentExpiresAt: null,
  createdAt: "2026-01-01T00:00:00Z",
  activeHours: 0,
  invocations: 0,
  usdPerUnitHour: 20,
  ...p,
});
const run = (pts: PtFacts[], maxUtilizationPct = 10) =>
  findIdleThroughput(pts, { now, lookbackDays: 14, maxUtilizationPct });

describe("findIdleThroughput", () => {
  it.each([
    ["whole lookback", null, 336],
    ["old PT", "2026-01-01T00:00:00Z", 336],
    ["created 10h ago (rounded up to the hour)", "2026-11-26T01:15:00Z", 10],
    ["created in the current hour", "2026-11-26T12:10:00Z", 0],
  ])("lookbackHours: %s", (_n, created, hours) => {
    expect(lookbackHours(now, 14, created)).toBe(hours);
  });

  it("utilization = share of hours with ≥1 invocation; idle cost at the CUR rate × units", () => {
    const [item] = run([pt({ activeHours: 20, invocations: 150, modelUnits: 2 })]);
    expect(item.utilizationPct).toBeCloseTo((100 * 20) / 336, 12);
    expect(item.idleHours).toBe(316);
    expect(item.hourlyUsd).toBe(40);
    expect(item.idleCostUsd).toBe(316 * 40);
    expect(item.recommendation).toMatch(/^Delete it or move its traffic to on-demand: no commitment/);
  });

  it("busy PTs are not listed; the threshold is inclusive", () => {
    expect(run([pt({ activeHours: 100 })])).toEqual([]);
    expect(run([pt({ activeHours: 33.6 })], 10)).toHaveLength(1);
  });

  it("recommends by commitment: reduce units, plan not to renew, or delete once expired", () => {
    const items = run([
      pt({
        name: "big",
        modelUnits: 3,
        commitment: "SixMonths",
        commitmentExpiresAt: "2027-02-01T00:00:00Z",
      }),
      pt({
        name: "one",
        commitment: "OneMonth",
        commitmentExpiresAt: "2026-12-05T00:00:00Z",
        usdPerUnitHour: 5,
      }),
      pt({
        name: "expired",
        commitment: "OneMonth",
        commitmentExpiresAt: "2026-11-01T00:00:00Z",
        usdPerUnitHour: 1,
      }),
      pt({ name: "unbilled", usdPerUnitHour: null }),
    ]);
    const rec = Object.fromEntries(items.map((i) => [i.name, i.recommendation]));
    expect(rec.big).toMatch(
      /^Reduce model units: no invocations in 14 days on 3 units; .* ends on 2027-02-01/,
    );
    expect(rec.one).toMatch(/^Plan not to renew: .* ends on 2026-12-05/);
    expect(rec.expired).toMatch(/^Delete it/);
    expect(items.map((i) => i.name)).toEqual(["big", "one", "expired", "unbilled"]);
    expect(items.find((i) => i.name === "unbilled")?.idleCostUsd).toBeNull();
  });

  it("a PT created this hour has no hours to judge", () => {
    expect(run([pt({ createdAt: "2026-11-26T12:05:00Z" })])).toEqual([]);
  });
});
