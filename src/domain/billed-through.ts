import { addDays } from "../util/dates.js";

/** What the store knows about one CUR billing period (from `cur_period`). */
export interface CurPeriodCoverage {
  /** Last usage day present in the period's data, `YYYY-MM-DD`; null for an empty period. */
  lastUsageDay: string | null;
  /** ISO instant of the export's last refresh of the period; null when unknown. */
  refreshedAt: string | null;
}

/**
 * The last day the CUR covers completely (docs/architecture.md §4): the last usage day present, or the day
 * before it when the export was last refreshed on (or before) that day — the day was still
 * accumulating when AWS wrote the files. Max over periods; null when no period has usage.
 *
 * Why the refresh matters: the CUR refreshes up to 3×/day and each refresh rewrites the period in
 * full; a refresh at 14:00 UTC carries the morning's usage of that day, which is not the day's cost.
 */
export function billedThrough(periods: readonly CurPeriodCoverage[]): string | null {
  let best: string | null = null;
  for (const p of periods) {
    if (!p.lastUsageDay) continue;
    const refreshDay = p.refreshedAt ? p.refreshedAt.slice(0, 10) : null;
    const complete = refreshDay === null || refreshDay > p.lastUsageDay;
    const through = complete ? p.lastUsageDay : addDays(p.lastUsageDay, -1);
    if (best === null || through > best) best = through;
  }
  return best;
}
