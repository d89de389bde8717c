import { arKey, type MetricCoverage, uncoveredAtHour } from "../analyze/anomaly/coverage.js";
import {
  ANOMALY_DIMENSIONS,
  type Anomaly,
  type AnomalyDimension,
  type AnomalyOptions,
  type CostSource,
  type DetectInput,
  detectAnomalies,
  GRANULARITY_SETTINGS,
  HOUR_OF_WEEK,
  type Season,
} from "../analyze/anomaly/index.js";
import { incompleteFor, signaturesOf } from "../analyze/anomaly/restrict.js";
import { type CostCell, priceTokenHours } from "../analyze/hourly-cost.js";
import { addHours, hourGrid, seriesBy } from "../analyze/hourly-series.js";
import { bundledPriceRows } from "../prices/bundled.js";
import { buildPriceBook } from "../prices/lookup.js";
import type { Db } from "../store/db.js";
import { readModelIdContext } from "../store/queries/estimate-inputs.js";
import {
  readLogHours,
  readMetricHours,
  readMetricsCollectedThrough,
} from "../store/queries/hourly-inputs.js";
import { loadPrices } from "../store/queries/prices.js";
import type { AnomalyContext } from "./anomaly-context.js";
import { type HourlyView, principalJumps } from "./hourly-drivers.js";
import { planHourWindow } from "./hourly-window.js";
import { memoOnData } from "./store-memo.js";

/**
 * Hourly ESTIMATED spend anomalies: a runaway agent loop shows within hours, not after the CUR
 * bills the day. Series per total/model/account/region from CloudWatch tokens, per principal from
 * invocation-log metadata, each priced per hour (hourly-cost.ts); the detector is the daily one
 * with hour-of-day (3+ weeks of history: hour-of-week) seasonality. Account/regions whose metrics
 * were not read for an hour are left out of that hour's comparison, history included.
 */

export interface HourlyRequest {
  from?: string;
  to?: string;
  dimension?: AnomalyDimension;
}

export interface HourlyResult {
  anomalies: Anomaly[];
  notes: string[];
  /** Hours evaluated (inclusive), null when none could be. */
  window: { from: string; to: string } | null;
  /** Per anomaly id: the cells and hours its comparison used (for drivers). */
  views: Map<string, HourlyView>;
}

const MIN_WEEKLY_HISTORY = 3 * HOUR_OF_WEEK.period;
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Priced hours are the same for every question over the same hours: read and priced once per data version. */
function pricedHours(ctx: AnomalyContext, from: string, to: string) {
  const db = ctx.deps.db;
  return memoOnData(
    db,
    `priced-hours ${from} ${to}`,
    () => readPricedHours(db, from, to),
    (p) => (p ? p.metrics.cells.length + p.logs.cells.length : 0),
  );
}

async function readPricedHours(db: Db, from: string, to: string) {
  const metricRows = await readMetricHours(db, from, to);
  if (metricRows.length === 0) return null;
  const stored = await loadPrices(db);
  // A store no estimate ran on yet holds no prices; the bundled snapshot is what it would seed.
  const prices = buildPriceBook(stored.length ? stored : bundledPriceRows());
  const modelIds = await readModelIdContext(db);
  let first = metricRows[0].hour;
  let last = metricRows[0].hour;
  for (const r of metricRows) {
    if (r.hour < first) first = r.hour;
    if (r.hour > last) last = r.hour;
  }
  return {
    metrics: priceTokenHours(metricRows, prices, modelIds),
    logs: priceTokenHours(await readLogHours(db, from, to), prices, modelIds),
    first,
    last,
  };
}

export async function detectHourlyAnomalies(ctx: AnomalyContext, req: HourlyRequest): Promise<HourlyResult> {
  const plan = planHourWindow(ctx.deps.now(), { ...req, through: ctx.through });
  const notes = plan.notes;
  const none = (): HourlyResult => ({ anomalies: [], notes, window: null, views: new Map() });
  if (plan.from > plan.to) return none();
  const loadFrom = addHours(plan.from, -HOUR_OF_WEEK.historyBuckets);
  const priced = await pricedHours(ctx, loadFrom, plan.to);
  if (!priced) {
    notes.push(`hour: no CloudWatch token metrics from ${loadFrom} to ${plan.to}; run collect`);
    return none();
  }
  const { metrics, logs } = priced;
  if (metrics.unpricedTokens > 0)
    notes.push(`hour: no list price for ${metrics.unpricedModels.join(", ")}; their tokens are left out`);
  const collected = (await readMetricsCollectedThrough(ctx.deps.db)) ?? priced.last;
  const through = earlier(collected, plan.to);
  if (through < plan.to) notes.push(`hour: metrics collected through ${through}; later hours not evaluated`);
  if (through < plan.from) return none();

  const grid = hourGrid(loadFrom, through);
  const present = grid.map((h) => h >= priced.first);
  const evalFrom = grid.indexOf(plan.from);
  const season =
    evalFrom - grid.indexOf(priced.first) >= MIN_WEEKLY_HISTORY ? HOUR_OF_WEEK : GRANULARITY_SETTINGS.hour;
  if (season !== HOUR_OF_WEEK) notes.push("hour: under 3 weeks of hourly history; hour-of-day baseline only");
  const missing = grid.map((h) => uncoveredAtHour(ctx.coverage, h));
  const dims = req.dimension ? [req.dimension] : [...ANOMALY_DIMENSIONS];
  // Every question whose window covers these hours compares the same series (the window, dimension
  // list and floors aside): they are built once per data version; each question judges them.
  const key = JSON.stringify([loadFrom, through, evalFrom, dims, coverageKey(ctx.coverage)]);
  const run = { grid, present, evalFrom, season, missing, metrics: metrics.cells, logs: logs.cells, dims };
  const prepared = await memoOnData(
    ctx.deps.db,
    `hourly ${key}`,
    async () => prepareHours(run),
    weighPrepared,
  );
  const found = judgeHours(prepared, ctx.opts);
  return { ...found, notes: [...notes, ...found.notes], window: { from: plan.from, to: through } };
}

/** What uncoveredAtHour reads: the key of a coverage for memo keys. */
function coverageKey(cov: MetricCoverage): string {
  return cov.known ? [...cov.byAr].map(([k, c]) => `${k}:${c.through}`).join(",") : "unknown";
}

interface HourRun {
  grid: string[];
  present: boolean[];
  evalFrom: number;
  season: Season;
  missing: string[][];
  metrics: CostCell[];
  logs: CostCell[];
  dims: AnomalyDimension[];
}

/** The series one hourly comparison judges, per coverage signature and dimension. */
interface PreparedHours {
  comparisons: {
    dim: AnomalyDimension;
    view: HourlyView;
    input: Omit<DetectInput, "prescreen">;
    /** Hours of this signature's evaluated buckets. */
    at: Set<string>;
    /** Principal hours where the logged share jumps (not judged for principals). */
    jumps: boolean[];
  }[];
  notes: string[];
}

function prepareHours(r: HourRun): PreparedHours {
  const { grid, present, evalFrom, season, missing } = r;
  const sources: CostSource[] = grid.map(() => "estimated");
  const out: PreparedHours = { comparisons: [], notes: [] };
  for (const sig of signaturesOf(missing, evalFrom, grid.length - 1)) {
    const left = new Set(sig.excluded);
    const keep = (c: CostCell) => !left.has(arKey(c.account, c.region));
    const incomplete = incompleteFor(missing, sig.excluded);
    const view: HourlyView = {
      grid,
      present: present.map((p, i) => p && !incomplete[i]),
      season,
      metrics: left.size ? r.metrics.filter(keep) : r.metrics,
      logs: left.size ? r.logs.filter(keep) : r.logs,
      slices: new Map(),
    };
    const at = new Set(sig.buckets.map((i) => grid[i]));
    const jumps = principalJumps(view, evalFrom);
    for (const dim of r.dims) {
      const cells = dim === "principal" ? view.logs : view.metrics;
      if (dim === "principal" && r.logs.length === 0) {
        out.notes.push("hour: principal series need invocation logs (none in the window)");
        continue;
      }
      const series = seriesBy(cells, grid, view.present, dim);
      const input = {
        granularity: "hour" as const,
        dimension: dim,
        buckets: grid,
        sources,
        series,
        evalFrom: sig.buckets[0],
        evalTo: sig.buckets[sig.buckets.length - 1],
        season,
      };
      out.comparisons.push({ dim, view, input, at, jumps });
    }
  }
  return out;
}

/**
 * Series numbers count a sixteenth of a cell (8 bytes against ~130); each view's cells count in
 * full, though an unfiltered view shares the priced hours' cells (an overestimate only evicts sooner).
 */
function weighPrepared(p: PreparedHours): number {
  let numbers = 0;
  const views = new Set<HourlyView>();
  for (const c of p.comparisons) {
    numbers += c.input.series.length * c.input.buckets.length;
    views.add(c.view);
  }
  let cells = 0;
  for (const v of views) cells += v.metrics.length + v.logs.length;
  return Math.ceil(numbers / 16) + cells;
}

/** Judges the prepared series with this question's floors: its own anomalies, the series shared. */
function judgeHours(p: PreparedHours, opts: AnomalyOptions): Omit<HourlyResult, "window"> {
  const out: Omit<HourlyResult, "window"> = { anomalies: [], notes: [...p.notes], views: new Map() };
  for (const { dim, view, input, at, jumps } of p.comparisons) {
    const found = detectAnomalies({ ...input, prescreen: true }, opts).filter(
      (a) =>
        at.has(a.hour ?? "") &&
        // Logs see a share of the traffic and arrive late: a principal can look low, and a
        // jump in what is logged is not spend. Principal hours report spikes only, when the
        // logged share is as usual.
        !(dim === "principal" && (a.direction === "drop" || jumps[view.grid.indexOf(a.hour ?? "")])),
    );
    for (const a of found) out.views.set(a.id, view);
    out.anomalies.push(...found);
  }
  out.anomalies.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  return out;
}
