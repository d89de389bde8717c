import { attributedShares, attributionDays } from "../analyze/anomaly/attribution.js";
import {
  type Anomaly,
  type ChainLink,
  DRIVER_DIMENSIONS,
  type DriverSlice,
  driverChain,
  driverChanges,
  pickDrivers,
} from "../analyze/anomaly/index.js";
import type { SpendFilters } from "../store/queries/spend.js";
import type { AnomalyContext } from "./anomaly-context.js";
import { loadCoveredSeries } from "./covered-series.js";
import type { Comparison } from "./daily-anomalies.js";

/**
 * Drivers and driver chain of one daily anomaly: within its slice (e.g. model = X), every key of
 * the other dimensions against its own baseline, leaving out what the anomaly's comparison left
 * out (account/regions without metrics that day).
 */
export async function explainDaily(
  ctx: AnomalyContext,
  a: Anomaly,
  range: { from: string; to: string },
  cmp: Comparison | undefined,
): Promise<{ drivers: Anomaly["drivers"]; chain: ChainLink[] }> {
  if (a.dimension !== "total" && a.key === null) return { drivers: [], chain: [] };
  const filters: SpendFilters | undefined = a.dimension === "total" ? undefined : { [a.dimension]: [a.key] };
  const window = { from: range.from, to: a.date };
  const slices: DriverSlice[] = [];
  let index = -1;
  for (const d of DRIVER_DIMENSIONS.filter((x) => x !== (a.dimension as string))) {
    const data = await loadCoveredSeries(
      ctx.deps.db,
      window,
      [d],
      filters,
      ctx.through,
      cmp?.excluded ?? [],
      cmp?.incomplete ?? [],
    );
    index = data.days.length - 1;
    slices.push({ dimension: d, series: data.series.map((s) => ({ key: s.keys[0], values: s.values })) });
  }
  const changes = driverChanges(
    index,
    a.impactUsd,
    "day",
    slices.filter((s) => attributed(s, a, index)),
  );
  return { drivers: pickDrivers(changes), chain: driverChain(a, a.impactUsd, changes) };
}

/**
 * Principals explain an estimated day only when invocation logs attribute it as fully as the
 * days before: otherwise every principal looks lower and the unattributed bucket higher.
 */
function attributed(slice: DriverSlice, a: Anomaly, index: number): boolean {
  if (slice.dimension !== "principal" || a.source !== "estimated") return true;
  const sources = slice.series[0]?.values.map((_, i) => (i === index ? "estimated" : "billed")) ?? [];
  const days = attributionDays(attributedShares(slice.series, index + 1), sources, index);
  return days[index]?.compared === "full";
}
