import {
  ANOMALY_DIMENSIONS,
  type Anomaly,
  DRIVER_DIMENSIONS,
  type DriverSlice,
  detectAnomalies,
  explainDrivers,
  GRANULARITY_SETTINGS,
} from "../analyze/anomaly/index.js";
import type { SpendFilters } from "../store/queries/spend.js";
import { addDays, isoDay } from "../util/dates.js";
import { formatUsd } from "../util/table.js";
import { resolveRange } from "./common.js";
import { type DailySeries, loadDailySeries, readBilledThrough } from "./daily-series.js";
import {
  type AnomalyInput,
  type AnomalyOutput,
  anomalyInputSchema,
  anomalyOutputSchema,
} from "./detect-anomalies-schema.js";
import { detectHourlyAnomalies } from "./hourly-anomalies.js";
import { type Deps, defineCapability } from "./types.js";

/** Anomalies explained with drivers, at most this many (largest |impact| first). */
const MAX_EXPLAINED = 50;

async function runDetect(deps: Deps, input: AnomalyInput): Promise<AnomalyOutput> {
  const today = isoDay(deps.now());
  const { from, to, notes } = await resolveRange(deps, input, (_today, last) => addDays(last, -13));
  const opts = {
    minScore: deps.config.anomaly.minScore,
    minImpactUsd: input.minImpactUsd ?? deps.config.anomaly.minImpactUsd,
  };
  const anomalies: Anomaly[] = [];
  const through = await readBilledThrough(deps.db);
  const range = { from: addDays(from, -GRANULARITY_SETTINGS.day.historyBuckets), to };
  if (input.granularity !== "hour") {
    for (const dim of input.dimension ? [input.dimension] : ANOMALY_DIMENSIONS) {
      const data = await loadDailySeries(deps.db, range, dim === "total" ? [] : [dim], undefined, through);
      const evalFrom = data.days.indexOf(from);
      const found = detectAnomalies(
        {
          granularity: "day",
          dimension: dim,
          buckets: data.days,
          sources: data.sources,
          series: data.series.map((s) => ({ key: dim === "total" ? null : s.keys[0], values: s.values })),
          evalFrom,
          evalTo: Math.min(data.days.length - 1, data.lastDataIndex),
        },
        opts,
      );
      if (data.lastDataIndex < data.days.length - 1) {
        notes.push(
          `${dim}: no cost data after ${data.days[data.lastDataIndex] ?? "—"}; later days not evaluated`,
        );
      }
      // Today is still accumulating (billed and metered hours so far): a lower total is no
      // evidence of a drop yet. A spike already above a whole day's expectation still counts.
      const partialDrops = found.filter((a) => a.date === today && a.direction === "drop");
      if (partialDrops.length)
        notes.push(`${today} is still in progress: drops are evaluated once the day is complete`);
      anomalies.push(...found.filter((a) => !partialDrops.includes(a)));
    }
  }
  const daily = anomalies.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  for (const a of daily.slice(0, MAX_EXPLAINED)) a.drivers = await driversOf(deps, a, range, through);
  let window = { from, to };
  if (input.granularity !== "day") {
    const hourly = await detectHourlyAnomalies(deps, {
      from: input.from === undefined ? undefined : from,
      to: input.to === undefined ? undefined : to,
      dimension: input.dimension,
      through,
      opts,
      maxExplained: MAX_EXPLAINED,
    });
    notes.push(...hourly.notes);
    anomalies.push(...hourly.anomalies);
    // Hours only, no dates asked: the window is the last 48 hours, reported as its days.
    if (input.granularity === "hour" && !input.from && !input.to && hourly.window)
      window = { from: hourly.window.from.slice(0, 10), to: hourly.window.to.slice(0, 10) };
  }
  anomalies.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  return { ...window, anomalies, notes: [...new Set(notes)] };
}

async function driversOf(
  deps: Deps,
  a: Anomaly,
  range: { from: string; to: string },
  through: string | null,
) {
  if (a.dimension !== "total" && a.key === null) return [];
  const filters: SpendFilters | undefined = a.dimension === "total" ? undefined : { [a.dimension]: [a.key] };
  const window = { from: range.from, to: a.date };
  const slices: DriverSlice[] = [];
  let index = -1;
  for (const d of DRIVER_DIMENSIONS.filter((x) => x !== (a.dimension as string))) {
    const data: DailySeries = await loadDailySeries(deps.db, window, [d], filters, through);
    index = data.days.length - 1;
    slices.push({ dimension: d, series: data.series.map((s) => ({ key: s.keys[0], values: s.values })) });
  }
  return explainDrivers(index, a.impactUsd, "day", slices);
}

export const detectAnomaliesCapability = defineCapability({
  name: "detect_anomalies",
  title: "Detect Bedrock spend anomalies",
  description:
    "Spikes and drops in daily Amazon Bedrock spend (USD) per total, model, account, principal and region, " +
    "for the days from..to (default: the last 14 days) against a robust baseline from the 10 weeks before " +
    "(same-weekday level × trend; a cold-start baseline with a higher bar under 3 weeks of history). Reported " +
    "when the robust score ≥ anomaly.minScore (3.5), |impact| ≥ minImpactUsd (20) and the day is ≥ 1.5× expected " +
    "(≤ expected / 1.5 for a drop); after 3 such days in a row the new level becomes the baseline. Each anomaly names its " +
    "drivers: the principals, regions, token types, accounts or models whose own change explains it. " +
    "Hourly (granularity hour, source estimated): CloudWatch tokens per hour × the list price in effect that day, " +
    "per total, model, account, region (principal from invocation logs), for the last 48 complete hours by default " +
    "(from..to when given; only hours after the last billed day), against the 2–4 weeks before with hour-of-day " +
    "seasonality (hour-of-week once 3 weeks of hours exist); minImpactUsd applies per hour; a loop of a few hours " +
    "is caught within the hour after collection.",
  inputSchema: anomalyInputSchema,
  outputSchema: anomalyOutputSchema,
  openWorld: false,
  run: runDetect,
  summarize: (out) => {
    const top = out.anomalies[0];
    const head = `${out.anomalies.length} anomal${out.anomalies.length === 1 ? "y" : "ies"} ${out.from}..${out.to}`;
    if (!top) return `${head}`;
    return `${head}; largest: ${top.direction} ${formatUsd(top.impactUsd)} on ${top.date} (${top.dimension} ${top.key ?? "all"})`;
  },
  table: (out) => ({
    headers: [
      "date",
      "dimension",
      "key",
      "direction",
      "actual",
      "expected",
      "impact",
      "score",
      "source",
      "drivers",
    ],
    rows: out.anomalies.map((a) => [
      a.hour ?? a.date,
      a.dimension,
      a.key ?? "(all)",
      a.direction,
      formatUsd(a.actualUsd),
      formatUsd(a.expectedUsd),
      formatUsd(a.impactUsd),
      a.score.toFixed(1),
      a.source,
      a.drivers.map((d) => `${d.dimension}=${d.key ?? "—"} ${formatUsd(d.impactUsd)}`).join("; "),
    ]),
  }),
  rowsKey: "anomalies",
  report: "anomalies",
});
