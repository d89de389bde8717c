import { addDays, addMonths, isoDay, monthEnd, monthOf, monthStart } from "../../util/dates.js";

/** The billing periods an export covers, as of `now` (the open period runs to yesterday). */
export interface PeriodPlan {
  period: string;
  firstDay: string;
  lastDay: string;
}

export function planPeriods(now: Date, months: number, daysPerPeriod?: number): PeriodPlan[] {
  const yesterday = addDays(isoDay(now), -1);
  const current = monthOf(isoDay(now));
  const out: PeriodPlan[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const period = addMonths(current, -i);
    const lastDay = period === current ? yesterday : monthEnd(period);
    const first = daysPerPeriod
      ? maxDay(monthStart(period), addDays(lastDay, 1 - daysPerPeriod))
      : monthStart(period);
    if (lastDay >= first) out.push({ period, firstDay: first, lastDay });
  }
  return out;
}

export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

export function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m - 1, d];
}
