import {
  type AttributionDay,
  applyAttribution,
  attributedShares,
  attributionDays,
} from "../analyze/anomaly/attribution.js";
import { type AccountRegion, arKey, uncoveredOnDay } from "../analyze/anomaly/coverage.js";
import {
  ANOMALY_DIMENSIONS,
  type Anomaly,
  type AnomalyDimension,
  type CostSource,
  detectAnomalies,
  GRANULARITY_SETTINGS,
  type KeyedSeries,
} from "../analyze/anomaly/index.js";
import { incompleteFor, type Signature, signaturesOf } from "../analyze/anomaly/restrict.js";
import { addDays, eachDay } from "../util/dates.js";
import type { AnomalyContext } from "./anomaly-context.js";
import { coveredShare, metricEntry, principalEntry } from "./anomaly-coverage.js";
import { loadCoveredSeries } from "./covered-series.js";
import { loadDailySeries } from "./daily-series.js";
import type { CoverageEntry } from "./detect-anomalies-schema.js";

/**
 * Daily anomalies (billed + estimated days) that only compare data with data: estimated days are
 * evaluated on the account/regions that have metrics that day (covered-series.ts), principals as
 * far as invocation logs attribute them (analyze/anomaly/attribution.ts).
 */

export interface DailyRequest {
  from: string;
  to: string;
  dimension?: AnomalyDimension;
}

/** What an anomaly's drivers must leave out to stay like for like. */
export interface Comparison {
  excluded: AccountRegion[];
  incomplete: boolean[];
}

export interface DailyResult {
  anomalies: Anomaly[];
  notes: string[];
  coverage: CoverageEntry[];
  comparisons: Map<string, Comparison>;
  /** The history range loaded (drivers read the same). */
  range: { from: string; to: string };
  /** The latest day evaluated (null: none); an event still anomalous on it is ongoing. */
  lastDay: string | null;
}

const daySpan = (from: string, to: string) => (from === to ? from : `${from} to ${to}`);

const parseAr = (k: string): AccountRegion => {
  const [account, region] = k.split("|");
  return { account, region };
};

export async function detectDailyAnomalies(ctx: AnomalyContext, req: DailyRequest): Promise<DailyResult> {
  const range = { from: addDays(req.from, -GRANULARITY_SETTINGS.day.historyBuckets), to: req.to };
  const days = eachDay(range.from, range.to);
  const sources = days.map(
    (d): CostSource => (ctx.through !== null && d <= ctx.through ? "billed" : "estimated"),
  );
  const missing = days.map((d, i) =>
    sources[i] === "estimated"
      ? uncoveredOnDay(ctx.coverage, d, ctx.today).map((ar) => arKey(ar.account, ar.region))
      : [],
  );
  const out: DailyResult = {
    anomalies: [],
    notes: [],
    coverage: [],
    comparisons: new Map(),
    range,
    lastDay: null,
  };
  const dims = req.dimension ? [req.dimension] : ANOMALY_DIMENSIONS;
  // Every dimension reads the same cost rows, so they run out of data on the same day: one note.
  const noDataAfter = new Map<string | null, AnomalyDimension[]>();
  for (const dim of dims) {
    const keys = dim === "total" ? [] : [dim];
    const base = await loadDailySeries(ctx.deps.db, range, keys, undefined, ctx.through);
    const evalFrom = days.indexOf(req.from);
    const evalTo = Math.min(days.length - 1, base.lastDataIndex);
    if (evalTo >= evalFrom && (out.lastDay === null || days[evalTo] > out.lastDay))
      out.lastDay = days[evalTo];
    if (base.lastDataIndex < days.length - 1) {
      const after = days[base.lastDataIndex] ?? null;
      noDataAfter.set(after, [...(noDataAfter.get(after) ?? []), dim]);
    }
    for (const sig of signaturesOf(missing, evalFrom, evalTo)) {
      const excluded = sig.excluded.map(parseAr);
      const incomplete = incompleteFor(missing, sig.excluded);
      const data = await loadCoveredSeries(
        ctx.deps.db,
        range,
        keys,
        undefined,
        ctx.through,
        excluded,
        incomplete,
        base,
      );
      let series: KeyedSeries[] = data.series.map((s) => ({
        key: dim === "total" ? null : s.keys[0],
        values: s.values,
      }));
      let attribution: AttributionDay[] | null = null;
      if (dim === "principal") {
        attribution = attributionDays(attributedShares(series, days.length), sources, sig.buckets[0]);
        series = applyAttribution(series, attribution, sources);
      }
      const found = evaluate(ctx, dim, days, sources, series, sig).filter(
        (a) =>
          !(attribution && a.direction === "drop" && attribution[days.indexOf(a.date)].compared === "share"),
      );
      for (const a of found) out.comparisons.set(a.id, { excluded, incomplete });
      out.anomalies.push(...found);
      const share = coveredShare(base.series, data.series, sig.buckets[0]);
      for (const i of sig.buckets) {
        if (sources[i] !== "estimated") continue;
        out.coverage.push(
          attribution
            ? principalEntry(days[i], attribution[i], excluded, ctx.accountNames)
            : metricEntry(dim, days[i], excluded, share, ctx.accountNames),
        );
      }
    }
  }
  for (const [after, which] of noDataAfter) {
    const scope = which.length === dims.length ? "" : `${which.join(", ")}: `;
    out.notes.push(
      after === null
        ? `${scope}no cost data from ${range.from} to ${range.to}; nothing evaluated`
        : `${scope}no cost data after ${after}; ${daySpan(addDays(after, 1), req.to)} not evaluated (unknown, not $0)`,
    );
  }
  // Today is still accumulating (billed and metered hours so far): a lower total is no evidence
  // of a drop yet. A spike already above a whole day's expectation still counts.
  const partial = out.anomalies.filter((a) => a.date === ctx.today && a.direction === "drop");
  if (partial.length) {
    out.notes.push(`${ctx.today} is still in progress: drops are evaluated once the day is complete`);
    out.anomalies = out.anomalies.filter((a) => !partial.includes(a));
  }
  return out;
}

function evaluate(
  ctx: AnomalyContext,
  dim: AnomalyDimension,
  days: string[],
  sources: CostSource[],
  series: KeyedSeries[],
  sig: Signature,
): Anomaly[] {
  const at = new Set(sig.buckets.map((i) => days[i]));
  const input = { granularity: "day" as const, dimension: dim, buckets: days, sources, series };
  const window = { evalFrom: sig.buckets[0], evalTo: sig.buckets[sig.buckets.length - 1] };
  return detectAnomalies({ ...input, ...window }, ctx.opts).filter(
    // The unattributed bucket of an estimated day is whatever the logs did not see: never a finding.
    (a) => at.has(a.date) && !(dim === "principal" && a.key === null && a.source === "estimated"),
  );
}
