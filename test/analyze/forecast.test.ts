import { describe, expect, it } from "vitest";
import { type DailyValue, forecastSpend } from "../../src/analyze/forecast.js";
import { addDays, eachDay, parseDay } from "../../src/util/dates.js";
import { prng } from "../../tools/anomaly-eval-data.js";

const ASOF = "2026-11-16"; // a Monday; November has 30 days, December 31

function history(days: number, f: (day: string, i: number) => number | null, to = addDays(ASOF, -1)) {
  return eachDay(addDays(to, -(days - 1)), to).map((day, i): DailyValue => ({ day, usd: f(day, i) }));
}
const isWeekend = (day: string) => [0, 6].includes(parseDay(day).getUTCDay());

describe("forecastSpend", () => {
  it("flat $100/day: month end = 30 × 100, next month = 31 × 100, tight interval", () => {
    const f = forecastSpend(
      history(56, () => 100),
      ASOF,
    );
    expect(f.method).toBe("seasonal");
    expect(f.monthToDateUsd).toBeCloseTo(1500, 6);
    expect(f.monthEndUsd).toBeCloseTo(3000, 0);
    expect(f.nextMonthUsd).toBeCloseTo(3100, 0);
    expect(f.monthEndLowUsd).toBeLessThanOrEqual(f.monthEndUsd);
    expect(f.monthEndHighUsd - f.monthEndLowUsd).toBeLessThan(0.2 * 3000);
  });

  it("growing series: forecast above the flat extrapolation of the last week", () => {
    const f = forecastSpend(
      history(56, (_, i) => 100 + 2 * i),
      ASOF,
    );
    const lastWeekAvg = 100 + 2 * 52;
    expect(f.nextMonthUsd).toBeGreaterThan(31 * lastWeekAvg);
    expect(f.nextMonthUsd).toBeCloseTo(
      eachDay("2026-12-01", "2026-12-31").reduce((s, _, k) => s + 100 + 2 * (56 + 15 + k), 0),
      -2,
    );
  });

  it("weekly pattern: weekends forecast low, weekdays high", () => {
    const rand = prng(3);
    const f = forecastSpend(
      history(56, (d) => (isWeekend(d) ? 20 : 200) * (1 + 0.05 * (rand() - 0.5))),
      ASOF,
    );
    const sat = f.path.find((p) => p.day === "2026-11-21");
    const tue = f.path.find((p) => p.day === "2026-11-24");
    expect(sat?.kind).toBe("forecast");
    expect(sat?.usd).toBeLessThan(30);
    expect(tue?.usd).toBeGreaterThan(180);
  });

  it("empty history: zero with a zero interval", () => {
    const f = forecastSpend([], ASOF);
    expect(f).toMatchObject({
      method: "none",
      monthToDateUsd: 0,
      monthEndUsd: 0,
      monthEndHighUsd: 0,
      nextMonthUsd: 0,
    });
  });

  it("one point: flat at that level with a wide interval", () => {
    const f = forecastSpend([{ day: addDays(ASOF, -1), usd: 50 }], ASOF);
    expect(f.method).toBe("flat");
    expect(f.monthEndUsd).toBeCloseTo(50 + 15 * 50, 6);
    expect(f.monthEndHighUsd - f.monthEndLowUsd).toBeGreaterThan(0.3 * 15 * 50);
  });

  it("gaps this month are forecast, not counted as $0; today's partial spend never lowers the month", () => {
    const values = history(56, (day) => (day === "2026-11-10" ? null : 100));
    values.push({ day: ASOF, usd: 30 });
    const f = forecastSpend(values, ASOF);
    expect(f.monthToDateUsd).toBeCloseTo(14 * 100 + 30, 6);
    expect(f.path.find((p) => p.day === "2026-11-10")).toMatchObject({ kind: "forecast" });
    expect(f.path.find((p) => p.day === ASOF)?.usd).toBeCloseTo(100, 0);
    expect(f.monthEndUsd).toBeCloseTo(3000, 0);
    expect(f.monthEndLowUsd).toBeGreaterThanOrEqual(f.monthToDateUsd);
  });
});
