import { describe, expect, it } from "vitest";
import {
  GET_METRIC_DATA_LIMITS,
  lowerBoundCalls,
  type PlanLimits,
  type PlannedCall,
  planGetMetricData,
} from "../../../src/collect/cloudwatch/plan.js";

/** Every (query, hour) cell covered exactly once; every call within both limits. */
function assertValid(calls: PlannedCall[], queries: number, hours: number, limits: PlanLimits) {
  const seen = new Uint8Array(queries * hours);
  for (const c of calls) {
    const k = c.queryEnd - c.queryStart;
    const h = c.hourEnd - c.hourStart;
    expect(k).toBeGreaterThan(0);
    expect(h).toBeGreaterThan(0);
    expect(k).toBeLessThanOrEqual(limits.maxQueries);
    expect(k * h).toBeLessThanOrEqual(limits.maxDatapoints);
    for (let q = c.queryStart; q < c.queryEnd; q++)
      for (let t = c.hourStart; t < c.hourEnd; t++) seen[q * hours + t]++;
  }
  expect(seen.every((v) => v === 1)).toBe(true);
}

describe("planGetMetricData", () => {
  // queries (models × 9 metrics), hours, expected calls
  const table: [string, number, number, number][] = [
    ["nothing to fetch", 0, 24, 0],
    ["incremental: 3 hours, 20 models", 180, 3, 1],
    ["incremental: 3 hours, 60 models (540 queries > 500)", 540, 3, 2],
    ["one day, 500 queries", 500, 24, 1],
    ["201 hours fits 500 queries", 500, 201, 1],
    ["202 hours needs a second call", 500, 202, 2],
    ["35-day backfill, 20 models", 180, 840, 2],
    ["90 days, 20 models (bench unit)", 180, 2160, 4],
    ["90 days, 1 model", 9, 2160, 1],
    ["455 days, 1 model", 9, 10920, 1],
    ["455 days, 20 models", 180, 10920, 20],
    ["90 days, 500 models: time must be split to reach the bound", 4500, 2160, 97],
    ["455 days, 111 models", 1000, 10920, 109],
    ["a window longer than one query can return", 1, 200_000, 2],
  ];
  it.each(table)("%s: %i queries × %i h → %i calls", (_, queries, hours, want) => {
    const calls = planGetMetricData(queries, hours);
    assertValid(calls, queries, hours, GET_METRIC_DATA_LIMITS);
    expect(calls.length).toBe(want);
    // Equal to the lower bound: provably the minimum the two limits allow.
    expect(calls.length).toBe(lowerBoundCalls(queries, hours));
  });

  it("reaches the lower bound across a sweep of sizes", () => {
    for (const q of [1, 7, 45, 181, 499, 501, 1001, 1800, 4500])
      for (const h of [1, 2, 23, 200, 202, 839, 1512, 2161, 5000, 10920]) {
        const calls = planGetMetricData(q, h);
        assertValid(calls, q, h, GET_METRIC_DATA_LIMITS);
        expect(calls.length, `${q}×${h}`).toBe(lowerBoundCalls(q, h));
      }
  });

  it("honours other limits (small numbers, exhaustively valid)", () => {
    const limits = { maxQueries: 3, maxDatapoints: 10 };
    for (let q = 1; q <= 8; q++)
      for (let h = 1; h <= 15; h++) {
        const calls = planGetMetricData(q, h, limits);
        assertValid(calls, q, h, limits);
        expect(calls.length).toBeGreaterThanOrEqual(lowerBoundCalls(q, h, limits));
      }
    // 3 queries × 4 hours with 10 datapoints: 12 cells need 2 calls, and 2 suffice.
    expect(planGetMetricData(3, 4, limits)).toHaveLength(2);
  });
});
