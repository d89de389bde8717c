import { arKey, uncoveredOnDay } from "../analyze/anomaly/coverage.js";
import type { DayRange } from "../domain/vocabulary.js";
import type { SpendFilters } from "../store/queries/spend-types.js";
import { eachDay, isoDay } from "../util/dates.js";
import { loadMetricCoverage } from "./anomaly-context.js";
import type { Deps } from "./types.js";

/** An account/region whose metrics are missing on some estimated day (its spend there is unknown). */
export interface EstimateGap {
  account: string;
  accountName: string | null;
  region: string;
  /** Last hour of the estimated days with its metrics (`YYYY-MM-DDTHH:00Z`), null: none. */
  metricsThrough: string | null;
}

/**
 * Estimated spend is CloudWatch tokens × price, so an account/region the collector could not read
 * is missing from an estimated total, not $0 in it. The account/regions (within the question's
 * account and region filters) without complete metrics on some day of `estimated` up to `known`
 * (the last day anything is known: later days are reported as unknown as a whole).
 */
export async function estimateGaps(
  deps: Deps,
  estimated: DayRange,
  known: string | null,
  filters: SpendFilters | undefined,
): Promise<EstimateGap[]> {
  const today = isoDay(deps.now());
  const to = [estimated.to, today, known ?? ""].sort()[0];
  if (!to || estimated.from > to) return [];
  const { coverage } = await loadMetricCoverage(deps, `${estimated.from}T00:00Z`);
  const names = new Map(deps.config.accounts.map((a) => [a.id, a.name ?? null]));
  const gaps = new Map<string, EstimateGap>();
  for (const day of eachDay(estimated.from, to))
    for (const { account, region } of uncoveredOnDay(coverage, day, today)) {
      if (filters?.account?.length && !filters.account.includes(account)) continue;
      if (filters?.region?.length && !filters.region.includes(region)) continue;
      const k = arKey(account, region);
      if (gaps.has(k)) continue;
      const metricsThrough = coverage.byAr.get(k)?.through ?? null;
      gaps.set(k, { account, accountName: names.get(account) ?? null, region, metricsThrough });
    }
  return [...gaps.values()].sort((a, b) =>
    arKey(a.account, a.region).localeCompare(arKey(b.account, b.region)),
  );
}
