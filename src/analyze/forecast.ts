import { addDays, addMonths, eachDay, monthEnd, monthOf, monthStart } from "../util/dates.js";
import { fitSeasonal, predict, type SeasonalFit, sigmaAt } from "./seasonal.js";

/**
 * Weekday-aware spend forecast for the rest of this month and all of next month. Pure: daily
 * values + asOf in, sums with an interval out. Model: robust per-weekday factor × level × trend
 * (src/analyze/seasonal.ts). Interval (≈90%): independent daily noise adds in quadrature, the
 * level/trend error is shared by every future day and adds linearly.
 */

export interface DailyValue {
  day: string;
  /** USD; null = no data for that day (a gap or not collected yet), not $0. */
  usd: number | null;
}

export interface ForecastDay {
  day: string;
  usd: number;
  kind: "actual" | "forecast";
}

export interface SpendForecast {
  asOf: string;
  method: "seasonal" | "cold" | "flat" | "none";
  /** Days of history the model saw. */
  historyDays: number;
  monthToDateUsd: number;
  monthEndUsd: number;
  monthEndLowUsd: number;
  monthEndHighUsd: number;
  nextMonthUsd: number;
  nextMonthLowUsd: number;
  nextMonthHighUsd: number;
  /** Every day of asOf's month: actual where known (days before today), else the forecast. */
  path: ForecastDay[];
}

const HISTORY_DAYS = 56;
const Z90 = 1.645;

interface Model {
  method: SpendForecast["method"];
  points: number;
  mean(day: string): number;
  /** Independent daily sigma and the shared (level/trend) sigma of one day's forecast. */
  sigma(day: string): { noise: number; shared: number };
}

/** `asOf` is today (UTC): its value is partial, so it counts as actual but never below its forecast. */
export function forecastSpend(values: readonly DailyValue[], asOf: string): SpendForecast {
  const byDay = new Map(values.map((v) => [v.day, v.usd]));
  const firstDay = values.reduce<string | null>(
    (min, v) => (v.usd !== null && (min === null || v.day < min) ? v.day : min),
    null,
  );
  const model = buildModel(byDay, asOf);
  const month = monthOf(asOf);
  const path: ForecastDay[] = [];
  let mtd = 0;
  let point = 0;
  const rest: string[] = [];
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    const v = day <= asOf ? (byDay.get(day) ?? null) : null;
    if (v !== null) mtd += v;
    // Before the first data there is nothing to fill in (the store starts later); after it, a gap is
    // a day not collected yet (e.g. the CUR lag without estimates) and gets its forecast.
    if (day < asOf && (v !== null || firstDay === null || day < firstDay)) {
      path.push({ day, usd: v ?? 0, kind: "actual" });
      point += v ?? 0;
      continue;
    }
    const usd = Math.max(v ?? 0, model.mean(day));
    path.push({ day, usd, kind: "forecast" });
    point += usd;
    rest.push(day);
  }
  const thisHalf = halfWidth(model, rest);
  const next = eachDay(monthStart(addMonths(month, 1)), monthEnd(addMonths(month, 1)));
  const nextPoint = next.reduce((s, d) => s + model.mean(d), 0);
  const nextHalf = halfWidth(model, next);
  return {
    asOf,
    method: model.method,
    historyDays: model.points,
    monthToDateUsd: mtd,
    monthEndUsd: point,
    monthEndLowUsd: Math.max(mtd, point - thisHalf),
    monthEndHighUsd: point + thisHalf,
    nextMonthUsd: nextPoint,
    nextMonthLowUsd: Math.max(0, nextPoint - nextHalf),
    nextMonthHighUsd: nextPoint + nextHalf,
    path,
  };
}

function halfWidth(model: Model, days: string[]): number {
  let noiseVar = 0;
  let shared = 0;
  for (const d of days) {
    const s = model.sigma(d);
    noiseVar += s.noise ** 2;
    shared += s.shared;
  }
  const shortHistory = model.points < 14 ? 1.5 : 1;
  return Z90 * (Math.sqrt(noiseVar) + shared) * shortHistory;
}

function buildModel(byDay: Map<string, number | null>, asOf: string): Model {
  const start = addDays(asOf, -HISTORY_DAYS);
  const days = eachDay(start, addDays(asOf, -1));
  // Phase must be the weekday: index 0 is `start`, so index mod 7 is the same weekday throughout.
  const series = days.map((d) => byDay.get(d) ?? null);
  const indexOf = (day: string) => Math.round((Date.parse(day) - Date.parse(start)) / 86_400_000);
  const fit = fitSeasonal(series, 7);
  const present = series.filter((v): v is number => v !== null);
  if (fit) return fromFit(fit, indexOf, present.length);
  if (present.length === 0) {
    return { method: "none", points: 0, mean: () => 0, sigma: () => ({ noise: 0, shared: 0 }) };
  }
  // 1–3 days: a flat level with a wide, shared uncertainty (half the level).
  const level = present.reduce((s, v) => s + v, 0) / present.length;
  return {
    method: "flat",
    points: present.length,
    mean: () => level,
    sigma: () => ({ noise: level * 0.3, shared: level * 0.3 }),
  };
}

function fromFit(fit: SeasonalFit, indexOf: (day: string) => number, points: number): Model {
  return {
    method: fit.mode,
    points,
    mean: (day) => predict(fit, indexOf(day)),
    sigma: (day) => {
      const i = indexOf(day);
      const f = fit.factors[i % fit.period];
      const noise = sigmaAt(fit, i);
      // Level error of a median of k points, plus half the trend's extrapolated drift.
      const level = fit.sigma * f * Math.sqrt(1.57 / Math.max(1, fit.levelPoints));
      const trend = 0.5 * Math.abs(fit.slope) * Math.max(0, i - fit.ref) * f;
      return { noise, shared: level + trend };
    },
  };
}
