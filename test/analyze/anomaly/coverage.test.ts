import { describe, expect, it } from "vitest";
import {
  applyAttribution,
  attributedShares,
  attributionDays,
} from "../../../src/analyze/anomaly/attribution.js";
import {
  coveredAt,
  resolveMetricCoverage,
  uncoveredAtHour,
  uncoveredOnDay,
} from "../../../src/analyze/anomaly/coverage.js";
import { logShareJumps } from "../../../src/analyze/anomaly/log-share.js";
import { incompleteFor, signaturesOf, subtractParts } from "../../../src/analyze/anomaly/restrict.js";
import type { FailingUnit } from "../../../src/domain/facts.js";

const A = { account: "111111111111", region: "us-east-1" };
const B = { account: "222222222222", region: "us-east-1" };
const C = { account: "333333333333", region: "eu-central-1" };
const span = (ar: typeof A, firstHour: string, lastHour: string) => ({ ...ar, firstHour, lastHour });
const denied = (ar: typeof A): FailingUnit => ({
  source: "metrics",
  ...ar,
  errorName: "AccessDenied",
  error: "role lacks cloudwatch:GetMetricData",
  fix: null,
  since: "2026-11-01T06:05:00Z",
  failures: 4,
});

describe("resolveMetricCoverage", () => {
  it("no data needs evidence: watermarks, failures and configured account/regions decide", () => {
    const cov = resolveMetricCoverage({
      configured: [A, B, C],
      spans: [
        span(A, "2026-11-01T00:00Z", "2026-11-18T09:00Z"),
        span(B, "2026-11-01T00:00Z", "2026-11-17T05:00Z"),
      ],
      watermarks: [
        { ...A, lastHour: "2026-11-18T09:00Z" },
        { ...B, lastHour: "2026-11-17T05:00Z" },
      ],
      failing: [denied(C)],
      lastMetricHour: "2026-11-18T09:00Z",
    });
    expect(cov).toMatchObject({ known: true, globalThrough: "2026-11-18T09:00Z" });
    // B stopped at 05:00 on the 17th: the 17th is incomplete for it, the 16th is not.
    expect(uncoveredOnDay(cov, "2026-11-16", "2026-11-18")).toEqual([C]);
    expect(uncoveredOnDay(cov, "2026-11-17", "2026-11-18")).toEqual([B, C]);
    // Today is compared with what the most advanced account/region has so far.
    expect(uncoveredOnDay(cov, "2026-11-18", "2026-11-18")).toEqual([B, C]);
    expect(coveredAt(cov, B.account, B.region, "2026-11-17T05:00Z")).toBe(true);
    expect(coveredAt(cov, B.account, B.region, "2026-11-17T06:00Z")).toBe(false);
    expect(uncoveredAtHour(cov, "2026-11-17T04:00Z")).toEqual([`${C.account}|${C.region}`]);
  });

  it("rows without any collector record (imported, tests) count as covered through the newest row", () => {
    const cov = resolveMetricCoverage({
      configured: [],
      spans: [
        span(A, "2026-11-01T00:00Z", "2026-11-18T09:00Z"),
        span(B, "2026-11-01T00:00Z", "2026-11-10T00:00Z"),
      ],
      watermarks: [],
      failing: [],
      lastMetricHour: "2026-11-18T09:00Z",
    });
    expect(cov.known).toBe(false);
    expect(uncoveredOnDay(cov, "2026-11-17", "2026-11-18")).toEqual([]);
    expect(coveredAt(cov, B.account, B.region, "2026-11-17T06:00Z")).toBe(true);
  });

  it("a failing account/region with old rows and no watermark is covered up to its last row", () => {
    const cov = resolveMetricCoverage({
      configured: [A, B],
      spans: [
        span(A, "2026-11-01T00:00Z", "2026-11-18T09:00Z"),
        span(B, "2026-11-01T00:00Z", "2026-11-12T23:00Z"),
      ],
      watermarks: [],
      failing: [denied(B)],
      lastMetricHour: "2026-11-18T09:00Z",
    });
    expect(uncoveredOnDay(cov, "2026-11-12", "2026-11-18")).toEqual([]);
    expect(uncoveredOnDay(cov, "2026-11-13", "2026-11-18")).toEqual([B]);
  });
});

describe("like-for-like series", () => {
  it("groups buckets by what they lack and subtracts the left-out parts from every bucket", () => {
    const missing = [[], [], [], ["c"], ["c"], ["b", "c"]];
    expect(signaturesOf(missing, 2, 5)).toEqual([
      { excluded: [], buckets: [2] },
      { excluded: ["c"], buckets: [3, 4] },
      { excluded: ["b", "c"], buckets: [5] },
    ]);
    const incomplete = incompleteFor(missing, ["c"]);
    expect(incomplete).toEqual([false, false, false, false, false, true]);
    expect(subtractParts([10, 12, null, 9, 4, 3], [[3, 4, 1, 2, 0, 1]], incomplete)).toEqual([
      7,
      8,
      null,
      7,
      4,
      null,
    ]);
  });
});

describe("principal attribution on estimated days", () => {
  const billed = new Array(28).fill("billed");
  const shares = [...new Array(28).fill(0.98), 0.97, 0.7, 0.15];
  const sources = [...billed, "estimated", "estimated", "estimated"];

  it("full at ≥ 95% of the usual share, scaled spikes at ≥ 50%, skipped below", () => {
    const days = attributionDays(shares, sources, 28);
    expect(days.slice(28).map((d) => d.compared)).toEqual(["full", "share", "skipped"]);
    expect(days[29].scale).toBeCloseTo(0.98 / 0.7, 6);
    expect(days[30].pct).toBeCloseTo(0.15 / 0.98, 6);
  });

  it("the unattributed bucket and skipped days are missing, share days scaled up", () => {
    const series = [
      { key: "p", values: [...new Array(28).fill(98), 97, 70, 15] },
      { key: null, values: [...new Array(28).fill(2), 3, 30, 85] },
    ];
    expect(attributedShares(series, 31).slice(27)).toEqual([0.98, 0.97, 0.7, 0.15]);
    const days = attributionDays(attributedShares(series, 31), sources, 28);
    const [p, none] = applyAttribution(series, days, sources);
    expect(p.values.slice(27, 29)).toEqual([98, 97]);
    // 70 attributed at 70% of the usual 98% share: scaled back to the whole principal, 98.
    expect(p.values[29]).toBeCloseTo(98, 9);
    expect(p.values[30]).toBeNull();
    expect(none.values.slice(27)).toEqual([2, null, null, null]);
  });

  it("an hour whose logged share jumps (logging changed, not spend) is flagged", () => {
    const metered = new Array(30).fill(100);
    const logs = [...new Array(28).fill(15), 16, 60];
    expect(logShareJumps(logs, metered, 28, 28).slice(28)).toEqual([false, true]);
    expect(logShareJumps([...new Array(28).fill(0), 20, 0], metered, 28, 28).slice(28)).toEqual([
      true,
      false,
    ]);
  });
});
