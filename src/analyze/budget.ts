import type { BudgetConfig } from "../config.js";
import { addMonths, eachDay, monthEnd, monthOf, monthStart } from "../util/dates.js";
import type { SpendForecast } from "./forecast.js";

/**
 * Budget status for one month. Pure: the budget, the scope's daily billed/estimated sums and (for
 * the current or next month) its forecast in; actual, forecast, thresholds and run-out day out.
 */

export interface BudgetDay {
  day: string;
  billedUsd: number;
  estimatedUsd: number;
}

export interface BudgetStatus {
  name: string;
  scope: NonNullable<BudgetConfig["scope"]>;
  month: string;
  limitUsd: number;
  actualUsd: number;
  billedUsd: number;
  estimatedUsd: number;
  /** Percent (0–100+) of the limit used by the actual. */
  pctUsed: number;
  forecastUsd: number;
  forecastLowUsd: number;
  forecastHighUsd: number;
  thresholds: { threshold: number; crossedByActual: boolean; crossedByForecast: boolean }[];
  /** Day the actual crossed the limit, else the day the forecast path reaches it; null if never this month. */
  exhaustedOn: string | null;
  /** `past` months are final (forecast = actual); `current` is forecast to month end. */
  state: "past" | "current" | "future";
}

export function budgetStatus(
  budget: BudgetConfig,
  month: string,
  days: readonly BudgetDay[],
  forecast: SpendForecast | null,
): BudgetStatus {
  const inMonth = days.filter((d) => monthOf(d.day) === month);
  const billedUsd = inMonth.reduce((s, d) => s + d.billedUsd, 0);
  const estimatedUsd = inMonth.reduce((s, d) => s + d.estimatedUsd, 0);
  const actualUsd = billedUsd + estimatedUsd;
  const asOfMonth = forecast ? monthOf(forecast.asOf) : null;
  const state = asOfMonth === null || month < asOfMonth ? "past" : month === asOfMonth ? "current" : "future";
  let fc = { point: actualUsd, low: actualUsd, high: actualUsd };
  if (forecast && state === "current") {
    fc = { point: forecast.monthEndUsd, low: forecast.monthEndLowUsd, high: forecast.monthEndHighUsd };
  } else if (forecast && state === "future" && month === addMonths(asOfMonth as string, 1)) {
    fc = { point: forecast.nextMonthUsd, low: forecast.nextMonthLowUsd, high: forecast.nextMonthHighUsd };
  }
  const limit = budget.monthlyUsd;
  return {
    name: budget.name,
    scope: budget.scope ?? {},
    month,
    limitUsd: limit,
    actualUsd,
    billedUsd,
    estimatedUsd,
    pctUsed: (100 * actualUsd) / limit,
    forecastUsd: fc.point,
    forecastLowUsd: fc.low,
    forecastHighUsd: fc.high,
    thresholds: [...budget.thresholds]
      .sort((a, b) => a - b)
      .map((t) => ({
        threshold: t,
        crossedByActual: actualUsd >= t * limit,
        crossedByForecast: fc.point >= t * limit,
      })),
    exhaustedOn: exhaustedOn(month, inMonth, state === "current" ? forecast : null, limit),
    state,
  };
}

/** Walks the month's days: actual first; for the current month, the forecast path after it. */
function exhaustedOn(
  month: string,
  days: readonly BudgetDay[],
  forecast: SpendForecast | null,
  limit: number,
): string | null {
  const actual = new Map(days.map((d) => [d.day, d.billedUsd + d.estimatedUsd]));
  const path = new Map(forecast?.path.map((p) => [p.day, p]) ?? []);
  let cumulative = 0;
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    const p = path.get(day);
    cumulative += p && p.kind === "forecast" ? Math.max(p.usd, actual.get(day) ?? 0) : (actual.get(day) ?? 0);
    if (cumulative >= limit) return day;
  }
  return null;
}
