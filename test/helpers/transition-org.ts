import type { Insertable } from "kysely";
import { estimateSpend } from "../../src/analyze/estimate.js";
import { addHours } from "../../src/analyze/hourly-series.js";
import { recomputeEstimates } from "../../src/derive/estimate.js";
import type { LogDay, MetricDay } from "../../src/domain/facts.js";
import { bundledPriceRows } from "../../src/prices/bundled.js";
import { buildPriceBook } from "../../src/prices/lookup.js";
import type { Db } from "../../src/store/db.js";
import { insertCollectionRun } from "../../src/store/queries/collection-run.js";
import { readModelIdContext } from "../../src/store/queries/estimate-inputs.js";
import {
  type MetricHourRow,
  setMetricWatermark,
  upsertMetricHours,
} from "../../src/store/queries/metrics.js";
import type { CostDailyTable } from "../../src/store/schema.js";
import { addDays, parseDay } from "../../src/util/dates.js";
import { prng } from "../../tools/anomaly-eval-data.js";

/**
 * An organization whose spend is first ESTIMATED (CloudWatch tokens per hour, priced by the
 * estimate recompute) and later BILLED (CUR rows per day, priced through the same path), written
 * into a real store step by step the way collection fills it: metrics hour by hour with their
 * watermark and collection run, then the CUR of a few more days. Three account/region/model
 * combos, busy 08–18 UTC, quieter weekends, ±10% noise that depends only on the hour and combo (so
 * later collections never rewrite earlier hours).
 */

export const PROD = "111111111111";
export const RESEARCH = "333333333333";
export const SONNET = "us.anthropic.claude-sonnet-4-6";
export const LOOP = "arn:aws:sts::333333333333:assumed-role/Agents/loop-runner";

/** Peak-hour tokens per combo; Sonnet 4.6 geo at $3.3/$16.5 per 1M → ~$9.90/h for research at peak. */
const COMBOS = [
  {
    account: PROD,
    region: "us-east-1",
    modelId: "amazon.nova-pro-v1:0",
    principal: "arn:aws:sts::111111111111:assumed-role/ChatBackend/chat",
    input: 4e6,
    output: 1e6,
  },
  {
    account: PROD,
    region: "us-west-2",
    modelId: SONNET,
    principal: "arn:aws:sts::111111111111:assumed-role/Search/search",
    input: 2e6,
    output: 3e5,
  },
  { account: RESEARCH, region: "us-east-1", modelId: SONNET, principal: LOOP, input: 1e6, output: 4e5 },
];

/** The loop: research's Sonnet traffic × factor during these hours. */
export interface Runaway {
  hours: string[];
  factor: number;
}

export interface TrafficHour {
  hour: string;
  account: string;
  region: string;
  modelId: string;
  principal: string;
  input: number;
  output: number;
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

const shape = (hour: string) => {
  const h = Number(hour.slice(11, 13));
  const weekend = [0, 6].includes(parseDay(hour.slice(0, 10)).getUTCDay());
  return (h >= 8 && h <= 18 ? 1 : 0.3) * (weekend ? 0.4 : 1);
};

/** Traffic of every combo for the hours from..to (inclusive); the runaway multiplies research's. */
export function traffic(from: string, to: string, runaway?: Runaway): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let hour = from; hour <= to; hour = addHours(hour, 1)) {
    for (const c of COMBOS) {
      const noise = 1 + 0.2 * (prng(seedOf(`${hour}|${c.account}|${c.region}`))() - 0.5);
      const loop = runaway && c.account === RESEARCH && runaway.hours.includes(hour) ? runaway.factor : 1;
      const f = shape(hour) * noise * loop;
      const { account, region, modelId, principal } = c;
      out.push({ hour, account, region, modelId, principal, input: c.input * f, output: c.output * f });
    }
  }
  return out.map((t) => ({ ...t, input: Math.round(t.input), output: Math.round(t.output) }));
}

const metricRow = (t: TrafficHour): MetricHourRow => ({
  account: t.account,
  region: t.region,
  model_id: t.modelId,
  hour: t.hour,
  invocations: 100,
  input_tokens: t.input,
  output_tokens: t.output,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  latency_avg_ms: 900,
  throttles: 0,
  client_errors: 0,
  server_errors: 0,
});

/**
 * One metrics collection at `now`: the hours' tokens, every account/region's watermark and an ok
 * run, then the estimate recompute of its default window (as `collect` runs it).
 */
export async function collectMetrics(db: Db, hours: TrafficHour[], now: Date): Promise<void> {
  await upsertMetricHours(db, hours.map(metricRow));
  const last =
    hours
      .map((t) => t.hour)
      .sort()
      .at(-1) ?? "";
  const at = now.toISOString();
  for (const ar of new Set(hours.map((t) => `${t.account}|${t.region}`))) {
    const [account, region] = ar.split("|");
    await setMetricWatermark(db, { account, region, lastHour: last, at });
    await insertCollectionRun(db, {
      run_id: `metrics-${at}`,
      source: "metrics",
      account,
      region,
      status: "ok",
      error_name: null,
      error: null,
      fix: null,
      items: 100,
      api_calls: 2,
      metrics_requested: 10,
      duration_ms: 300,
      started_at: at,
      finished_at: at,
    });
  }
  await recomputeEstimates(db, { now });
}

/**
 * A CUR delivery: the days' Bedrock rows (every principal, priced like the estimate) replace what
 * the store held for them, and each period's last usage day moves to the last day given, refreshed
 * the next morning, so billedThrough is that day.
 */
export async function deliverCur(db: Db, hours: TrafficHour[], refreshedAt: string): Promise<void> {
  const days = [...new Set(hours.map((t) => t.hour.slice(0, 10)))].sort();
  const logs: LogDay[] = hours.map((t) => ({
    day: t.hour.slice(0, 10),
    account: t.account,
    region: t.region,
    modelId: t.modelId,
    principal: t.principal,
    requestMetadata: {},
    input: t.input,
    output: t.output,
    cacheRead: 0,
    cacheWrite: 0,
  }));
  const metrics: MetricDay[] = logs.map(({ principal: _p, requestMetadata: _m, ...m }) => m);
  const out = estimateSpend({
    from: days[0],
    to: days[days.length - 1],
    now: new Date(refreshedAt),
    metrics,
    logs,
    provisioned: [],
    prices: buildPriceBook(bundledPriceRows()),
    modelIds: await readModelIdContext(db),
    accountNames: new Map([
      [PROD, "prod"],
      [RESEARCH, "research"],
    ]),
    principalTags: new Map(),
  });
  const rows: Insertable<CostDailyTable>[] = out.rows.map(({ source: _s, ...r }) => ({
    ...r,
    period: r.day.slice(0, 7),
    payer_account: "999999999999",
    usage_type: "USE1-Claude4.6Sonnet-input-tokens",
    product_code: "AmazonBedrock",
    usage_amount: r.tokens,
    unit: "Units",
    cost_usd: r.cost_usd ?? 0,
    list_cost_usd: r.cost_usd,
    ingest_id: 1,
  }));
  await db.deleteFrom("cost_daily").where("day", "in", days).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("cost_daily")
      .values(rows.slice(i, i + 500))
      .execute();
  const lastOf = new Map<string, string>();
  for (const d of days) lastOf.set(d.slice(0, 7), d);
  for (const [period, last] of lastOf) {
    const row = {
      period,
      source: "test-cur",
      fingerprint: `fp-${period}-${last}`,
      ingest_id: 1,
      last_usage_day: last,
      refreshed_at: refreshedAt,
      has_iam_principal: 1,
      ingested_at: refreshedAt,
    };
    await db
      .insertInto("cur_period")
      .values(row)
      .onConflict((oc) => oc.column("period").doUpdateSet(row))
      .execute();
  }
}

/** Hour label `YYYY-MM-DDTHH:00Z` of a day and hour. */
export const hourOf = (day: string, h: number) => `${day}T${String(h).padStart(2, "0")}:00Z`;

/**
 * A store as of `day`'s midnight: 80 days of hourly traffic before it, billed through two days
 * before (the CUR refreshed the next morning), metrics up to the last hour.
 */
export async function seedHistory(db: Db, day: string): Promise<{ billedThrough: string }> {
  const first = addDays(day, -80);
  const billedThrough = addDays(day, -2);
  const before = addHours(hourOf(day, 0), -1);
  const all = traffic(hourOf(first, 0), before);
  await deliverCur(
    db,
    all.filter((t) => t.hour.slice(0, 10) <= billedThrough),
    `${addDays(billedThrough, 1)}T06:00:00Z`,
  );
  await collectMetrics(db, all, new Date(`${day}T00:05:00Z`));
  return { billedThrough };
}
