import { describe, expect, it } from "vitest";
import { budgetStatus } from "../../src/analyze/budget.js";
import { forecastSpend } from "../../src/analyze/forecast.js";
import { addDays, eachDay } from "../../src/util/dates.js";

const budget = { name: "team", monthlyUsd: 3000, thresholds: [1, 0.5, 0.8], scope: { model: "Nova Pro" } };
const ASOF = "2026-11-16";
const days = (from: string, to: string, billedThrough: string, usd: number) =>
  eachDay(from, to).map((day) => ({
    day,
    billedUsd: day <= billedThrough ? usd : 0,
    estimatedUsd: day > billedThrough ? usd : 0,
  }));

describe("budgetStatus", () => {
  it("current month: billed + estimated tail, forecast crossing, run-out day at the forecast pace", () => {
    const d = days(addDays(ASOF, -56), ASOF, "2026-11-13", 120);
    const f = forecastSpend(
      d.map((x) => ({ day: x.day, usd: x.billedUsd + x.estimatedUsd })),
      ASOF,
    );
    const s = budgetStatus(budget, "2026-11", d, f);
    expect(s.billedUsd).toBeCloseTo(13 * 120, 6);
    expect(s.estimatedUsd).toBeCloseTo(3 * 120, 6);
    expect(s.actualUsd).toBeCloseTo(16 * 120, 6);
    expect(s.pctUsed).toBeCloseTo((100 * 1920) / 3000, 6);
    expect(s.forecastUsd).toBeCloseTo(3600, 0);
    expect(s.thresholds).toEqual([
      { threshold: 0.5, crossedByActual: true, crossedByForecast: true },
      { threshold: 0.8, crossedByActual: false, crossedByForecast: true },
      { threshold: 1, crossedByActual: false, crossedByForecast: true },
    ]);
    expect(s.exhaustedOn).toBe("2026-11-25"); // 25 × 120 = 3000
    expect(s.state).toBe("current");
  });

  it("past month: final, forecast = actual, exhaustedOn = the day it was crossed", () => {
    const d = days("2026-10-01", "2026-10-31", "2026-10-31", 150);
    const s = budgetStatus(budget, "2026-10", d, forecastSpend([], ASOF));
    expect(s).toMatchObject({
      state: "past",
      actualUsd: 4650,
      forecastUsd: 4650,
      forecastLowUsd: 4650,
      exhaustedOn: "2026-10-20",
    });
  });

  it("never crossed: exhaustedOn null; no spend at all → zeros", () => {
    const low = budgetStatus(budget, "2026-10", days("2026-10-01", "2026-10-31", "2026-10-31", 10), null);
    expect(low.exhaustedOn).toBeNull();
    const none = budgetStatus(budget, "2026-11", [], forecastSpend([], ASOF));
    expect(none).toMatchObject({ actualUsd: 0, forecastUsd: 0, pctUsed: 0, exhaustedOn: null });
  });
});
