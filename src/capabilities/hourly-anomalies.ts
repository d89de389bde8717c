import {
  ANOMALY_DIMENSIONS,
  type Anomaly,
  type AnomalyDimension,
  type AnomalyOptions,
  type CostSource,
  detectAnomalies,
  explainDrivers,
  GRANULARITY_SETTINGS,
  HOUR_OF_WEEK,
} from "../analyze/anomaly/index.js";
import { type CostCell, priceTokenHours } from "../analyze/hourly-cost.js";
import {
  addHours,
  type CellDimension,
  driverSlices,
  hourGrid,
  keyOf,
  seriesBy,
} from "../analyze/hourly-series.js";
import { bundledPriceRows } from "../prices/bundled.js";
import { buildPriceBook } from "../prices/lookup.js";
import { readModelIdContext } from "../store/queries/estimate-inputs.js";
import {
  readLogHours,
  readMetricHours,
  readMetricsCollectedThrough,
} from "../store/queries/hourly-inputs.js";
import { loadPrices } from "../store/queries/prices.js";
import { addDays, isoHour } from "../util/dates.js";
import type { Deps } from "./types.js";

/**
 * Hourly ESTIMATED spend anomalies: a runaway agent loop shows within hours, not after the CUR
 * bills the day. Series per total/model/account/region from CloudWatch tokens, per principal from
 * invocation-log metadata, each priced per hour (hourly-cost.ts); the detector is the daily one
 * with hour-of-day (3+ weeks of history: hour-of-week) seasonality.
 */

export interface HourlyRequest {
  from?: string;
  to?: string;
  dimension?: AnomalyDimension;
  /** Last billed day: those hours are the daily series' business, hourly evaluates after it. */
  through: string | null;
  opts: AnomalyOptions;
  /** Anomalies explained with drivers, largest |impact| first. */
  maxExplained: number;
}

export interface HourlyResult {
  anomalies: Anomaly[];
  notes: string[];
  /** Hours evaluated (inclusive), null when none could be. */
  window: { from: string; to: string } | null;
}

/** Default evaluation window: the last 48 complete hours. */
export const DEFAULT_HOURS = 48;
const MIN_WEEKLY_HISTORY = 3 * HOUR_OF_WEEK.period;
const METRIC_DRIVERS = ["model", "account", "region", "token_type"] as const;

const earlier = (a: string, b: string) => (a < b ? a : b);

export function planHourWindow(now: Date, req: Pick<HourlyRequest, "from" | "to" | "through">) {
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

export async function detectHourlyAnomalies(deps: Deps, req: HourlyRequest): Promise<HourlyResult> {
  const plan = planHourWindow(deps.now(), req);
  const notes = plan.notes;
  if (plan.from > plan.to) return { anomalies: [], notes, window: null };
  const loadFrom = addHours(plan.from, -HOUR_OF_WEEK.historyBuckets);
  const dims = req.dimension ? [req.dimension] : [...ANOMALY_DIMENSIONS];
  const metricRows = await readMetricHours(deps.db, loadFrom, plan.to);
  if (metricRows.length === 0) {
    notes.push(`hour: no CloudWatch token metrics from ${loadFrom} to ${plan.to}; run collect`);
    return { anomalies: [], notes, window: null };
  }
  const logRows = await readLogHours(deps.db, loadFrom, plan.to);
  const stored = await loadPrices(deps.db);
  // A store no estimate ran on yet holds no prices; the bundled snapshot is what it would seed.
  const prices = buildPriceBook(stored.length ? stored : bundledPriceRows());
  const modelIds = await readModelIdContext(deps.db);
  const metrics = priceTokenHours(metricRows, prices, modelIds);
  const logs = priceTokenHours(logRows, prices, modelIds);
  if (metrics.unpricedTokens > 0)
    notes.push(`hour: no list price for ${metrics.unpricedModels.join(", ")}; their tokens are left out`);

  let first = metricRows[0].hour;
  let last = metricRows[0].hour;
  for (const r of metricRows) {
    if (r.hour < first) first = r.hour;
    if (r.hour > last) last = r.hour;
  }
  const collected = (await readMetricsCollectedThrough(deps.db)) ?? last;
  const through = earlier(collected, plan.to);
  if (through < plan.to) notes.push(`hour: metrics collected through ${through}; later hours not evaluated`);
  if (through < plan.from) return { anomalies: [], notes, window: null };

  const grid = hourGrid(loadFrom, through);
  const present = grid.map((h) => h >= first);
  const evalFrom = grid.indexOf(plan.from);
  const season =
    evalFrom - grid.indexOf(first) >= MIN_WEEKLY_HISTORY ? HOUR_OF_WEEK : GRANULARITY_SETTINGS.hour;
  if (season !== HOUR_OF_WEEK) notes.push("hour: under 3 weeks of hourly history; hour-of-day baseline only");
  const sources: CostSource[] = grid.map(() => "estimated");

  const anomalies: Anomaly[] = [];
  for (const dim of dims) {
    const cells = dim === "principal" ? logs.cells : metrics.cells;
    if (dim === "principal" && cells.length === 0) {
      notes.push("hour: principal series need invocation logs (none in the window)");
      continue;
    }
    const series = seriesBy(cells, grid, present, dim);
    const input = { granularity: "hour" as const, dimension: dim, buckets: grid, sources, series };
    const window = { evalFrom, evalTo: grid.length - 1, season, prescreen: true };
    anomalies.push(...detectAnomalies({ ...input, ...window }, req.opts));
  }
  anomalies.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  const explain = { grid, present, season, metrics: metrics.cells, logs: logs.cells };
  for (const a of anomalies.slice(0, req.maxExplained)) a.drivers = hourlyDrivers(a, explain);
  return { anomalies, notes, window: { from: plan.from, to: through } };
}

interface Explain {
  grid: string[];
  present: boolean[];
  season: typeof HOUR_OF_WEEK;
  metrics: CostCell[];
  logs: CostCell[];
}

/** Drivers from the same priced cells: metrics for model/account/region/token type, logs for principal. */
function hourlyDrivers(a: Anomaly, x: Explain) {
  if (a.dimension !== "total" && a.key === null) return [];
  const dim = a.dimension as Exclude<CellDimension, "token_type">;
  const where = (c: CostCell) => dim === "total" || keyOf(c, dim) === a.key;
  const sources =
    dim === "principal"
      ? [{ cells: x.logs, dims: METRIC_DRIVERS }]
      : [
          { cells: x.metrics, dims: METRIC_DRIVERS.filter((d) => d !== dim) },
          { cells: x.logs, dims: ["principal"] as const },
        ];
  const slices = driverSlices(sources, x.grid, x.present, where);
  return explainDrivers(x.grid.indexOf(a.hour ?? ""), a.impactUsd, "hour", slices, { season: x.season });
}
