import type { AccountRegion } from "../analyze/anomaly/coverage.js";
import { subtractParts } from "../analyze/anomaly/restrict.js";
import type { Db } from "../store/db.js";
import type { SpendFilters, SpendGroupKey } from "../store/queries/spend.js";
import { type DailySeries, loadDailySeries } from "./daily-series.js";

/**
 * Daily series without some account/regions (those without metrics on the evaluated days), in
 * every day of history too, so the comparison is like for like; `incomplete` days are missing.
 * A key that was only ever the left-out account/regions (their own account series) is dropped:
 * it has no data to compare.
 */

function narrow(list: string[] | undefined, value: string): string[] | null {
  if (!list) return [value];
  return list.includes(value) ? [value] : null;
}

export async function loadCoveredSeries(
  db: Db,
  range: { from: string; to: string },
  keys: SpendGroupKey[],
  filters: SpendFilters | undefined,
  through: string | null,
  excluded: readonly AccountRegion[],
  incomplete: readonly boolean[],
  /** The same series already loaded (with every account/region). */
  loaded?: DailySeries,
): Promise<DailySeries> {
  const base = loaded ?? (await loadDailySeries(db, range, keys, filters, through));
  if (excluded.length === 0 && !incomplete.some(Boolean)) return base;
  const parts: DailySeries[] = [];
  for (const ar of excluded) {
    const account = narrow(filters?.account, ar.account);
    const region = narrow(filters?.region, ar.region);
    if (!account || !region) continue;
    parts.push(await loadDailySeries(db, range, keys, { ...filters, account, region }, through));
  }
  const id = (k: (string | null)[]) => JSON.stringify(k);
  const partsByKey = parts.map((p) => new Map(p.series.map((s) => [id(s.keys), s.values])));
  const series = base.series
    .map((s) => {
      const own = partsByKey.map((m) => m.get(id(s.keys)) ?? []);
      return { ...s, values: subtractParts(s.values, own, incomplete) };
    })
    .filter((s, i) => keys.length === 0 || !onlyExcluded(base.series[i].values, s.values));
  return { ...base, series };
}

/** Had spend before, has none once the left-out parts are taken away. */
function onlyExcluded(before: readonly (number | null)[], after: readonly (number | null)[]): boolean {
  let had = 0;
  let left = 0;
  before.forEach((v, i) => {
    had += v ?? 0;
    left += after[i] ?? 0;
  });
  return had > 0 && left <= 1e-6 * had;
}
