import type { Anomaly, ChainLink } from "../analyze/anomaly/index.js";
import { dataGaps } from "../analyze/data-gaps.js";
import { isTransientAwsError } from "../aws/errors.js";
import { addDays } from "../util/dates.js";
import { type AnomalyContext, loadAnomalyContext } from "./anomaly-context.js";
import { incidentsOf } from "./anomaly-incidents.js";
import { resolveRange } from "./common.js";
import { detectDailyAnomalies } from "./daily-anomalies.js";
import { explainDaily } from "./daily-drivers.js";
import { anomalySections, anomalySummary, anomalyTable } from "./detect-anomalies-format.js";
import {
  type AnomalyInput,
  type AnomalyOutput,
  anomalyInputSchema,
  anomalyOutputSchema,
  type CoverageEntry,
} from "./detect-anomalies-schema.js";
import { detectHourlyAnomalies } from "./hourly-anomalies.js";
import { explainHourly } from "./hourly-drivers.js";
import { type Deps, defineCapability } from "./types.js";

/** Anomalies explained with drivers, at most this many per granularity (largest |impact| first). */
const MAX_EXPLAINED = 50;

const byImpact = (a: Anomaly, b: Anomaly) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd);

async function runDetect(deps: Deps, input: AnomalyInput): Promise<AnomalyOutput> {
  // Bounded to the stored data (and today): a huge range costs nothing and cannot run away.
  const range = await resolveRange(deps, input, (_today, last) => addDays(last, -13));
  const { from, to } = range;
  const opts = {
    minScore: deps.config.anomaly.minScore,
    minImpactUsd: input.minImpactUsd ?? deps.config.anomaly.minImpactUsd,
  };
  const ctx = await loadAnomalyContext(deps, opts, `${addDays(from, -1)}T00:00Z`);
  const notes: string[] = [...range.notes];
  const anomalies: Anomaly[] = [];
  const chains = new Map<string, ChainLink[]>();
  let coverage: CoverageEntry[] = [];
  let window = { from, to };
  let lastDay: string | null = null;
  let lastHour: string | null = null;
  if (input.granularity !== "hour") {
    const daily = await detectDailyAnomalies(ctx, { from, to, dimension: input.dimension });
    for (const a of daily.anomalies.sort(byImpact).slice(0, MAX_EXPLAINED)) {
      const x = await explainDaily(ctx, a, daily.range, daily.comparisons.get(a.id));
      a.drivers = x.drivers;
      chains.set(a.id, x.chain);
    }
    notes.push(...daily.notes);
    anomalies.push(...daily.anomalies);
    coverage = daily.coverage;
    lastDay = daily.lastDay;
  }
  if (input.granularity !== "day") {
    const hourly = await detectHourlyAnomalies(ctx, {
      ...input,
      from: input.from === undefined ? undefined : from,
      to: input.to === undefined ? undefined : to,
    });
    for (const a of hourly.anomalies.slice(0, MAX_EXPLAINED)) {
      const view = hourly.views.get(a.id);
      if (!view) continue;
      const x = explainHourly(a, view);
      a.drivers = x.drivers;
      chains.set(a.id, x.chain);
    }
    notes.push(...hourly.notes);
    anomalies.push(...hourly.anomalies);
    lastHour = hourly.window?.to ?? null;
    // Hours only, no dates asked: the window is the last 48 hours, reported as its days.
    if (input.granularity === "hour" && !input.from && !input.to && hourly.window)
      window = { from: hourly.window.from.slice(0, 10), to: hourly.window.to.slice(0, 10) };
  }
  anomalies.sort(byImpact);
  const { incidents, incidentOf } = incidentsOf(
    anomalies,
    chains,
    { ...opts, minImpactPct: deps.config.anomaly.minImpactPct, lastHour, lastDay },
    ctx.accountNames,
  );
  return {
    ...window,
    anomalies: anomalies.map((a) => ({ ...a, incidentId: incidentOf.get(a.id) ?? null })),
    incidents,
    dataGaps: gapsOf(deps, ctx).filter((g) => g.since.slice(0, 10) <= window.to),
    coverage,
    evaluatedThrough: { day: lastDay, hour: lastHour },
    notes: [...new Set(notes)],
  };
}

function gapsOf(deps: Deps, ctx: AnomalyContext) {
  return dataGaps({
    failing: ctx.failing,
    coverage: ctx.coverage,
    accounts: deps.config.accounts.map((a) => ({
      id: a.id,
      name: a.name ?? null,
      roleArn: a.roleArn ?? null,
      regions: a.regions,
    })),
    firstMetricHour: ctx.firstMetricHour,
    isTransient: isTransientAwsError,
  });
}

export const detectAnomaliesCapability = defineCapability({
  name: "detect_anomalies",
  title: "Detect Bedrock spend anomalies",
  description:
    "Spend incidents, data gaps and the anomalies behind them. Incidents (ranked by impact): one per event — " +
    "the same spike or drop seen through total, model, account, region and principal, over consecutive hours " +
    "and the day that contains them — with start, end (null while ongoing), peak, impact in USD counted once, " +
    "billed or estimated, and the most specific driver chain (model → account → region → principal); a stable " +
    "id; below anomaly.minImpactUsd (20) or minImpactPct (10% of expected) none. Data gaps: account/regions and " +
    "sources with failed or missing collection (reason and fix); missing data is never $0: estimated days compare " +
    "only the account/regions that have metrics (coverage says which), principals only as far as invocation logs " +
    "attribute them, and the unattributed bucket never alerts on estimated days. Anomalies: daily spend per " +
    "total, model, account, principal and region for from..to (default the last 14 days) against a robust " +
    "same-weekday baseline from the 10 weeks before (score ≥ anomaly.minScore 3.5, |impact| ≥ minImpactUsd, " +
    "≥ 1.5× expected or ≤ expected / 1.5; a cold start under 3 weeks of history has a higher bar), and hourly " +
    "estimated spend (CloudWatch tokens × list price) for the last 48 complete hours after the last billed day " +
    "with hour-of-day (hour-of-week after 3 weeks) seasonality, each with its drivers and incidentId.",
  inputSchema: anomalyInputSchema,
  outputSchema: anomalyOutputSchema,
  openWorld: false,
  run: runDetect,
  summarize: anomalySummary,
  table: anomalyTable,
  sections: anomalySections,
  rowsKey: "anomalies",
  report: "anomalies",
});
