import { describe, expect, it } from "vitest";
import { billedThrough, type CurPeriodCoverage } from "../../src/domain/billed-through.js";

const p = (lastUsageDay: string | null, refreshedAt: string | null): CurPeriodCoverage => ({
  lastUsageDay,
  refreshedAt,
});

describe("billedThrough", () => {
  it.each<[string, CurPeriodCoverage[], string | null]>([
    ["no periods", [], null],
    ["period without usage", [p(null, "2026-11-03T10:00:00Z")], null],
    ["refreshed after the last usage day", [p("2026-11-24", "2026-11-25T06:00:00Z")], "2026-11-24"],
    [
      "refreshed on the last usage day: still accumulating",
      [p("2026-11-25", "2026-11-25T14:00:00Z")],
      "2026-11-24",
    ],
    [
      "refresh at midnight of the day: still accumulating",
      [p("2026-11-25", "2026-11-25T00:00:00Z")],
      "2026-11-24",
    ],
    ["unknown refresh time: trust the last usage day", [p("2026-11-25", null)], "2026-11-25"],
    [
      "refresh before the last usage day (clock skew): not complete",
      [p("2026-11-25", "2026-11-24T23:00:00Z")],
      "2026-11-24",
    ],
    ["accumulating day at a month start", [p("2026-12-01", "2026-12-01T08:00:00Z")], "2026-11-30"],
    [
      "max over periods: closed month beats an accumulating first day",
      [p("2026-10-31", "2026-11-04T02:00:00Z"), p("2026-11-01", "2026-11-01T09:00:00Z")],
      "2026-10-31",
    ],
    [
      "max over periods: current month ahead of the closed one",
      [p("2026-10-31", "2026-11-04T02:00:00Z"), p("2026-11-20", "2026-11-21T09:00:00Z")],
      "2026-11-20",
    ],
  ])("%s", (_name, periods, expected) => {
    expect(billedThrough(periods)).toBe(expected);
  });
});
