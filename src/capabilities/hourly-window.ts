import { addHours } from "../analyze/hourly-series.js";
import { addDays, isoHour } from "../util/dates.js";

/** Default evaluation window of hourly anomalies: the last 48 complete hours. */
export const DEFAULT_HOURS = 48;

const earlier = (a: string, b: string) => (a < b ? a : b);

/** The hours to evaluate: complete hours only, after the last billed day (the daily series cover billed days). */
export function planHourWindow(
  now: Date,
  req: { from?: string; to?: string; through: string | null },
): { from: string; to: string; notes: string[] } {
  const notes: string[] = [];
  // The current hour is still accumulating (and CloudWatch has not reported it): never judged.
  const lastComplete = addHours(isoHour(now), -1);
  const to = earlier(req.to ? `${req.to}T23:00Z` : lastComplete, lastComplete);
  let from = req.from ? `${req.from}T00:00Z` : addHours(to, -(DEFAULT_HOURS - 1));
  const firstEstimated = req.through ? `${addDays(req.through, 1)}T00:00Z` : null;
  if (firstEstimated && from < firstEstimated) {
    from = firstEstimated;
    notes.push(`hour: days through ${req.through} are billed; the daily series cover them`);
  }
  return { from, to, notes };
}
