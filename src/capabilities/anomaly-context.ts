import {
  type AccountRegion,
  arKey,
  type MetricCoverage,
  resolveMetricCoverage,
} from "../analyze/anomaly/coverage.js";
import type { AnomalyOptions } from "../analyze/anomaly/index.js";
import type { FailingUnit, MetricSpan } from "../domain/facts.js";
import {
  readFailingUnits,
  readFirstMetricHour,
  readLastMetricHour,
  readMetricSpan,
  readMetricWatermarks,
} from "../store/queries/coverage.js";
import { isoDay } from "../util/dates.js";
import { readBilledThrough } from "./daily-series.js";
import type { Deps } from "./types.js";

/** What both halves of detect_anomalies share: the clock, the bill's edge and what data exists. */
export interface AnomalyContext {
  deps: Deps;
  today: string;
  /** Last billed day (CUR); later days are estimated. */
  through: string | null;
  opts: AnomalyOptions;
  coverage: MetricCoverage;
  failing: FailingUnit[];
  /** The first hour of metrics the store holds (null: none). */
  firstMetricHour: string | null;
  /** Account id → configured name. */
  accountNames: Map<string, string>;
}

/**
 * Which account/regions have metrics for which hours (from `fromHour` on), and the failing units
 * behind it: estimated spend exists only where metrics were read.
 */
export async function loadMetricCoverage(
  deps: Deps,
  fromHour: string,
): Promise<{ coverage: MetricCoverage; failing: FailingUnit[] }> {
  const configured: AccountRegion[] = deps.config.accounts.flatMap((a) =>
    a.regions.map((region) => ({ account: a.id, region })),
  );
  const failing = await readFailingUnits(deps.db);
  const watermarks = await readMetricWatermarks(deps.db);
  const marked = new Set(watermarks.map((w) => arKey(w.account, w.region)));
  const unmarked = new Map<string, AccountRegion>();
  for (const ar of [...configured, ...failing.filter((u) => u.source === "metrics")])
    if (ar.account && ar.region && !marked.has(arKey(ar.account, ar.region)))
      unmarked.set(arKey(ar.account, ar.region), { account: ar.account, region: ar.region });
  const spans: MetricSpan[] = [];
  for (const ar of unmarked.values()) {
    const span = await readMetricSpan(deps.db, ar.account, ar.region, fromHour);
    if (span) spans.push(span);
  }
  const coverage = resolveMetricCoverage({
    configured,
    spans,
    watermarks,
    failing,
    lastMetricHour: await readLastMetricHour(deps.db),
  });
  return { coverage, failing };
}

export async function loadAnomalyContext(
  deps: Deps,
  opts: AnomalyOptions,
  fromHour: string,
): Promise<AnomalyContext> {
  const { coverage, failing } = await loadMetricCoverage(deps, fromHour);
  const accountNames = new Map(
    deps.config.accounts.flatMap((a) => (a.name ? [[a.id, a.name] as const] : [])),
  );
  return {
    deps,
    today: isoDay(deps.now()),
    through: await readBilledThrough(deps.db),
    opts,
    coverage,
    failing,
    firstMetricHour: await readFirstMetricHour(deps.db),
    accountNames,
  };
}
