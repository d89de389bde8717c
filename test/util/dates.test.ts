import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, eachDay, isValidDay, monthEnd } from "../../src/util/dates.js";

describe("dates", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
  ])("addDays(%s, %i) = %s", (d, n, out) => expect(addDays(d, n)).toBe(out));

  it("eachDay is inclusive and empty for reversed ranges", () => {
    expect(eachDay("2026-10-30", "2026-11-02")).toEqual([
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
    expect(eachDay("2026-11-02", "2026-11-01")).toEqual([]);
    expect(daysBetween("2026-11-01", "2026-11-30")).toBe(29);
  });

  it("month helpers cross year ends and leap years", () => {
    expect(monthEnd("2028-02")).toBe("2028-02-29");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("rejects impossible days", () => {
    expect(isValidDay("2026-02-30")).toBe(false);
    expect(isValidDay("2026-2-3")).toBe(false);
    expect(isValidDay("2026-13-01")).toBe(false);
    expect(isValidDay("2026-02-28")).toBe(true);
  });
});
