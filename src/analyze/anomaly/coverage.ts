import type { FailingUnit, MetricSpan, MetricWatermark } from "../../domain/facts.js";

/**
 * Which account/regions have CloudWatch metrics for which hours. Estimated spend is metrics ×
 * price, so an account/region the collector could not read (AccessDenied, a failing or lagging
 * unit, a configured account never collected) has NO DATA there, never $0: anomaly detection
 * compares only the covered part. Pure. Uncovered needs evidence (a watermark behind, a failed run,
 * a configured account/region without data); a store with neither (imported rows) counts as covered.
 */

export interface AccountRegion {
  account: string;
  region: string;
}

export interface CoverageFacts {
  /** Account/regions of the config (empty when none is configured). */
  configured: AccountRegion[];
  /**
   * Metric hours from the start of the evaluated range on, for the account/regions without a
   * watermark that the config or a failing unit names (others never need them).
   */
  spans: MetricSpan[];
  /** The newest metric hour the store holds at all (null: none). */
  lastMetricHour: string | null;
  watermarks: MetricWatermark[];
  failing: FailingUnit[];
}

export interface ArCoverage extends AccountRegion {
  /** Last hour with metrics read (`YYYY-MM-DDTHH:00Z`); null: none at all. */
  through: string | null;
}

export interface MetricCoverage {
  /** False when nothing tells data from no data: every account/region then counts as covered. */
  known: boolean;
  byAr: Map<string, ArCoverage>;
  /** The newest hour any account/region is covered through (null: no metrics at all). */
  globalThrough: string | null;
}

export const arKey = (account: string, region: string) => `${account}|${region}`;

const max = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

export function resolveMetricCoverage(f: CoverageFacts): MetricCoverage {
  const spans = new Map(f.spans.map((s) => [arKey(s.account, s.region), s]));
  const marks = new Map(f.watermarks.map((w) => [arKey(w.account, w.region), w.lastHour]));
  const failed = new Set(
    f.failing
      .filter((u) => u.source === "metrics" && u.account && u.region)
      .map((u) => arKey(u.account as string, u.region as string)),
  );
  const lastRow = f.spans.reduce<string | null>((m, s) => max(m, s.lastHour), f.lastMetricHour);
  const byAr = new Map<string, ArCoverage>();
  const add = (account: string, region: string) => {
    const k = arKey(account, region);
    if (byAr.has(k)) return;
    const mark = marks.get(k) ?? null;
    const span = spans.get(k);
    let through: string | null = mark;
    // Rows without a watermark (imported, or written by a test): covered as far as the store's
    // newest row, unless the collector says otherwise (a failure, or watermarks for the others).
    if (mark === null && span) through = failed.has(k) || marks.size > 0 ? span.lastHour : lastRow;
    byAr.set(k, { account, region, through });
  };
  for (const ar of [...f.configured, ...f.watermarks, ...f.spans]) add(ar.account, ar.region);
  for (const k of failed) {
    const [account, region] = k.split("|");
    add(account, region);
  }
  const globalThrough = [...byAr.values()].reduce<string | null>((m, c) => max(m, c.through), null);
  const evidence = marks.size > 0 || failed.size > 0 || f.configured.length > 0;
  return { known: evidence && globalThrough !== null, byAr, globalThrough };
}

/**
 * Account/regions without complete metrics for an estimated day: a past day needs its last hour,
 * today (still accumulating) needs what the most advanced account/region has.
 */
export function uncoveredOnDay(cov: MetricCoverage, day: string, today: string): AccountRegion[] {
  if (!cov.known || cov.globalThrough === null) return [];
  const lastHour = `${day}T23:00Z`;
  const need = day < today ? lastHour : lastHour < cov.globalThrough ? lastHour : cov.globalThrough;
  return [...cov.byAr.values()]
    .filter((c) => c.through === null || c.through < need)
    .map(({ account, region }) => ({ account, region }));
}

/** Whether the hour's metrics were read for the account/region. */
export function coveredAt(cov: MetricCoverage, account: string, region: string, hour: string): boolean {
  if (!cov.known) return true;
  const c = cov.byAr.get(arKey(account, region));
  return c ? c.through !== null && hour <= c.through : true;
}

/** Account/regions missing at an hour (for the hourly series). */
export function uncoveredAtHour(cov: MetricCoverage, hour: string): string[] {
  if (!cov.known) return [];
  return [...cov.byAr.entries()].filter(([, c]) => c.through === null || hour > c.through).map(([k]) => k);
}
