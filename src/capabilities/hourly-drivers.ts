import { arKey } from "../analyze/anomaly/coverage.js";
import {
  type Anomaly,
  type ChainLink,
  type DriverSlice,
  driverChain,
  driverChanges,
  type HOUR_OF_WEEK,
  pickDrivers,
} from "../analyze/anomaly/index.js";
import { logShareJumps } from "../analyze/anomaly/log-share.js";
import type { CostCell } from "../analyze/hourly-cost.js";
import { type CellDimension, driverSlices, keyOf } from "../analyze/hourly-series.js";

/** The priced cells and hours one hourly comparison used (account/regions without metrics left out). */
export interface HourlyView {
  grid: string[];
  present: boolean[];
  season: typeof HOUR_OF_WEEK;
  metrics: CostCell[];
  logs: CostCell[];
  /**
   * Driver series per anomaly slice (dimension + key), built once per view: the hours of one event
   * are one slice each seen at another hour, and a slice's series do not depend on the hour.
   */
  slices: Map<string, SliceSeries>;
}

interface SliceSeries {
  fromMetrics: DriverSlice[];
  principals: DriverSlice[];
  share: number;
}

const METRIC_DRIVERS = ["model", "account", "region", "token_type"] as const;

/**
 * Drivers from the same priced cells: metrics for model/account/region/token type, logs for
 * principal. Logs see a share of the traffic, so a principal's floor is scaled by that share: the
 * loop principal of a 15% sample still stands out among what the logs attribute.
 */
export function explainHourly(
  a: Anomaly,
  x: HourlyView,
): { drivers: Anomaly["drivers"]; chain: ChainLink[] } {
  if (a.dimension !== "total" && a.key === null) return { drivers: [], chain: [] };
  const dim = a.dimension as Exclude<CellDimension, "token_type">;
  const where = (c: CostCell) => dim === "total" || keyOf(c, dim) === a.key;
  const index = x.grid.indexOf(a.hour ?? "");
  const opts = { season: x.season };
  const memoKey = `${dim}\u0000${a.key}`;
  let s = x.slices.get(memoKey);
  if (!s) {
    s = sliceSeries(x, dim, where);
    x.slices.set(memoKey, s);
  }
  const { fromMetrics, principals, share } = s;
  const changes = driverChanges(index, a.impactUsd, "hour", fromMetrics, opts);
  if (dim !== "principal") {
    const minShare = Math.min(0.15, Math.max(0.01, 0.15 * share));
    changes.push(...driverChanges(index, a.impactUsd, "hour", principals, { ...opts, minShare }));
  }
  return { drivers: pickDrivers(changes), chain: driverChain(a, a.impactUsd, changes) };
}

function sliceSeries(
  x: HourlyView,
  dim: Exclude<CellDimension, "token_type">,
  where: (c: CostCell) => boolean,
): SliceSeries {
  const metricDims = dim === "principal" ? METRIC_DRIVERS : METRIC_DRIVERS.filter((d) => d !== dim);
  // The slice's cells once (in their order, so every sum adds the same numbers in the same order),
  // instead of testing every cell of the window again for each driver dimension.
  const slice = { metrics: x.metrics.filter(where), logs: x.logs.filter(where) };
  const all = () => true;
  const fromMetrics = driverSlices(
    [{ cells: dim === "principal" ? slice.logs : slice.metrics, dims: metricDims }],
    x.grid,
    x.present,
    all,
  );
  if (dim === "principal") return { fromMetrics, principals: [], share: 0 };
  const principals = driverSlices(
    [{ cells: slice.logs, dims: ["principal"] as const }],
    x.grid,
    x.present,
    all,
  );
  return { fromMetrics, principals, share: loggedShare(slice) };
}

/** The share of the slice's metered spend that invocation logs saw (over the whole window). */
function loggedShare(slice: { metrics: CostCell[]; logs: CostCell[] }): number {
  let logged = 0;
  let metered = 0;
  for (const c of slice.logs) logged += c.usd;
  for (const c of slice.metrics) metered += c.usd;
  return metered > 0 ? Math.min(1, logged / metered) : 0;
}

/** Hours whose logged share of the metered spend jumped (over the account/regions that have logs). */
export function principalJumps(x: HourlyView, evalFrom: number): boolean[] {
  const ar = (c: CostCell) => arKey(c.account, c.region);
  const logged = new Set(x.logs.map(ar));
  const index = new Map(x.grid.map((h, i) => [h, i]));
  const log = new Array<number>(x.grid.length).fill(0);
  const metered = new Array<number>(x.grid.length).fill(0);
  const add = (to: number[], c: CostCell) => {
    const i = index.get(c.hour);
    if (i !== undefined) to[i] += c.usd;
  };
  for (const c of x.logs) add(log, c);
  for (const c of x.metrics) if (logged.has(ar(c))) add(metered, c);
  return logShareJumps(log, metered, evalFrom, x.season.historyBuckets);
}
