/** Which hours a metrics run fetches. Pure. */

const HOUR_MS = 3_600_000;
/** CloudWatch keeps hourly datapoints for 455 days (15 months). */
export const MAX_BACKFILL_DAYS = 455;
/** Re-fetch the last hours already collected: CloudWatch datapoints can arrive late. */
export const REFETCH_HOURS = 2;

export interface MetricWindow {
  /** Inclusive start, on the hour. */
  start: Date;
  /** Exclusive end: the start of the current (incomplete) hour. */
  end: Date;
  hours: number;
}

export function floorHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * From the watermark (last complete hour collected) minus the re-fetch margin; on the first run
 * `backfillDays` back; `since` (YYYY-MM-DD) overrides both. Never older than CloudWatch retention.
 */
export function metricWindow(opts: {
  now: Date;
  watermark: string | null;
  backfillDays: number;
  since?: string;
}): MetricWindow {
  const end = floorHour(opts.now);
  const oldest = end.getTime() - MAX_BACKFILL_DAYS * 24 * HOUR_MS;
  let start: number;
  if (opts.since) start = Date.parse(`${opts.since}T00:00:00Z`);
  else if (opts.watermark)
    start = Date.parse(opts.watermark.replace(/Z$/, ":00Z")) - (REFETCH_HOURS - 1) * HOUR_MS;
  else start = end.getTime() - opts.backfillDays * 24 * HOUR_MS;
  start = Math.max(start, oldest);
  const hours = Math.max(0, Math.round((end.getTime() - start) / HOUR_MS));
  return { start: new Date(start), end, hours };
}
