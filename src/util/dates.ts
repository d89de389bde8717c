/** UTC calendar-day helpers. Days are `YYYY-MM-DD` strings; ranges are inclusive. */

const DAY_MS = 86_400_000;
export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isoHour(d: Date): string {
  return `${d.toISOString().slice(0, 13)}:00Z`;
}

export function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return isoDay(new Date(Date.UTC(y, m, 0)));
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** True when `day` is a real calendar day (rejects 2026-02-30). */
export function isValidDay(day: string): boolean {
  if (!DAY_RE.test(day)) return false;
  const d = parseDay(day);
  return !Number.isNaN(d.getTime()) && isoDay(d) === day;
}
