import { estimateSpend } from "../../src/analyze/estimate.js";
import { describeAwsError } from "../../src/aws/errors.js";
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
import { eachDay, parseDay } from "../../src/util/dates.js";
import { prng } from "../../tools/anomaly-eval-data.js";
import { type Billed, billed, insertBilled, insertCurPeriod } from "../helpers/spend-rows.js";

/**
 * The issue-10 organization on a real store: 3 accounts in us-east-1; research's role lacks
 * cloudwatch:GetMetricData (its metrics collection fails with AccessDenied, so it has no metric
 * rows); invocation logs carry 15% of every account's requests; the CUR bills through BILLED
 * (with every principal, as the CUR does) and the estimate recompute fills the days after it from
 * what the store holds. `runaway` multiplies prod's Claude Sonnet 4.6 tokens ×10 for RUNAWAY_HOURS
 * on the first estimated day.
 */

export const BILLED = "2026-11-16";
export const FIRST_ESTIMATED = "2026-11-17";
export const NOW = "2026-11-18T10:30:00Z";
export const LAST_HOUR = "2026-11-18T09:00Z";
export const FIRST_DAY = "2026-10-10";
export const PROD = "111111111111";
export const STAGING = "222222222222";
export const RESEARCH = "333333333333";
export const SONNET = "Claude Sonnet 4.6";
export const RUNAWAY_HOURS = ["13", "14", "15", "16"].map((h) => `${FIRST_ESTIMATED}T${h}:00Z`);
export const LOG_SHARE = 0.15;

const role = (id: string) => `arn:aws:iam::${id}:role/BedrockSpendReadOnly`;
const arn = (id: string, who: string) => `arn:aws:sts::${id}:assumed-role/${who}`;

export const CONFIG = {
  accounts: [
    { id: PROD, name: "prod", roleArn: role(PROD), externalId: "ext-prod" },
    { id: STAGING, name: "staging", roleArn: role(STAGING), externalId: "ext-staging" },
    { id: RESEARCH, name: "research", roleArn: role(RESEARCH), externalId: "ext-research" },
  ],
};

/** Peak-hour input tokens and output ratio per ModelId; principals split each account's traffic. */
const ORG = [
  {
    account: PROD,
    models: [
      { modelId: "us.anthropic.claude-sonnet-4-6", input: 2e6, output: 0.15 },
      { modelId: "amazon.nova-pro-v1:0", input: 6e6, output: 0.2 },
    ],
    principals: [
      [arn(PROD, "ChatBackend/chat-svc"), 0.7],
      [arn(PROD, "SearchIndexer/indexer"), 0.3],
    ],
  },
  {
    account: STAGING,
    models: [
      { modelId: "anthropic.claude-haiku-4-5-20251001-v1:0", input: 3e6, output: 0.2 },
      { modelId: "amazon.nova-lite-v1:0", input: 2e7, output: 0.2 },
    ],
    principals: [[arn(STAGING, "CiRunner/gh-actions"), 1]],
  },
  {
    account: RESEARCH,
    models: [
      { modelId: "us.anthropic.claude-sonnet-4-6", input: 1.5e6, output: 0.2 },
      { modelId: "meta.llama3-3-70b-instruct-v1:0", input: 4e6, output: 0.25 },
    ],
    principals: [
      [arn(RESEARCH, "Researchers/alice"), 0.6],
      [arn(RESEARCH, "Researchers/bob"), 0.4],
    ],
  },
] as const;

const shape = (hour: string) => {
  const h = Number(hour.slice(11, 13));
  const weekend = [0, 6].includes(parseDay(hour.slice(0, 10)).getUTCDay());
  return (h >= 8 && h <= 18 ? 1 : 0.3) * (weekend ? 0.4 : 1);
};

interface Traffic {
  hour: string;
  account: string;
  modelId: string;
  principal: string;
  input: number;
  output: number;
}

/** Every hour × account × model × principal, up to LAST_HOUR. */
function traffic(runaway: boolean): Traffic[] {
  const rand = prng(11);
  const out: Traffic[] = [];
  for (const day of eachDay(FIRST_DAY, LAST_HOUR.slice(0, 10)))
    for (let h = 0; h < 24; h++) {
      const hour = `${day}T${String(h).padStart(2, "0")}:00Z`;
      if (hour > LAST_HOUR) break;
      for (const a of ORG)
        for (const m of a.models) {
          const loop =
            runaway && a.account === PROD && m.modelId.includes("sonnet") && RUNAWAY_HOURS.includes(hour);
          const f = shape(hour) * (1 + 0.2 * (rand() - 0.5)) * (loop ? 10 : 1);
          for (const [principal, w] of a.principals) {
            const input = Math.round(m.input * f * w);
            out.push({
              hour,
              account: a.account,
              modelId: m.modelId,
              principal,
              input,
              output: Math.round(input * m.output),
            });
          }
        }
    }
  return out;
}

const tokens = (t: { input: number; output: number }) => ({
  input: t.input,
  output: t.output,
  cacheRead: 0,
  cacheWrite: 0,
});

/** The CUR: every account (research too: the bill does not need CloudWatch), every principal. */
async function insertBill(db: Db, all: Traffic[]) {
  const billedDays = all.filter((t) => t.hour.slice(0, 10) <= BILLED);
  const day = (t: Traffic) => ({
    day: t.hour.slice(0, 10),
    account: t.account,
    region: "us-east-1",
    modelId: t.modelId,
  });
  const logs: LogDay[] = billedDays.map((t) => ({
    ...day(t),
    principal: t.principal,
    requestMetadata: {},
    ...tokens(t),
  }));
  const metrics: MetricDay[] = logs.map(({ principal: _p, requestMetadata: _m, ...m }) => m);
  const out = estimateSpend({
    from: FIRST_DAY,
    to: BILLED,
    now: new Date(NOW),
    metrics,
    logs,
    provisioned: [],
    prices: buildPriceBook(bundledPriceRows()),
    modelIds: await readModelIdContext(db),
    accountNames: new Map(CONFIG.accounts.map((a) => [a.id, a.name])),
    principalTags: new Map(),
  });
  const rows: Billed[] = out.rows.map(({ source: _s, ...r }) => billed({ ...r, cost_usd: r.cost_usd ?? 0 }));
  for (let i = 0; i < rows.length; i += 500) await insertBilled(db, rows.slice(i, i + 500));
  await insertCurPeriod(db, "2026-10", "2026-10-31", "2026-11-03T06:00:00Z");
  await insertCurPeriod(db, "2026-11", FIRST_ESTIMATED, `${FIRST_ESTIMATED}T08:00:00Z`);
}

/** Metrics for prod and staging (research is denied), with their watermarks and collection runs. */
async function insertMetrics(db: Db, all: Traffic[]) {
  const cells = new Map<string, MetricHourRow>();
  for (const t of all) {
    if (t.account === RESEARCH) continue;
    const k = `${t.account}|${t.modelId}|${t.hour}`;
    const row = cells.get(k) ?? {
      account: t.account,
      region: "us-east-1",
      model_id: t.modelId,
      hour: t.hour,
      invocations: 0,
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      latency_avg_ms: 800,
      throttles: 0,
      client_errors: 0,
      server_errors: 0,
    };
    row.invocations = (row.invocations ?? 0) + 50;
    row.input_tokens = (row.input_tokens ?? 0) + t.input;
    row.output_tokens = (row.output_tokens ?? 0) + t.output;
    cells.set(k, row);
  }
  await upsertMetricHours(db, [...cells.values()]);
  for (const account of [PROD, STAGING])
    await setMetricWatermark(db, { account, region: "us-east-1", lastHour: LAST_HOUR, at: NOW });
  for (const [i, at] of ["2026-10-10T06:05:00Z", "2026-11-18T09:05:00Z", "2026-11-18T10:05:00Z"].entries()) {
    for (const account of [PROD, STAGING, RESEARCH]) {
      const denied = account === RESEARCH;
      const e = describeAwsError(
        { name: "AccessDenied" },
        { action: "cloudwatch:GetMetricData", account, roleArn: role(account) },
      );
      await insertCollectionRun(db, {
        run_id: `run-${i}`,
        source: "metrics",
        account,
        region: "us-east-1",
        status: denied ? "failed" : "ok",
        error_name: denied ? e.name : null,
        error: denied ? e.message : null,
        fix: denied ? e.fix : null,
        items: denied ? 0 : 100,
        api_calls: 2,
        metrics_requested: 10,
        duration_ms: 300,
        started_at: at,
        finished_at: at,
      });
    }
  }
}

/** Invocation-log metadata: LOG_SHARE of every account's requests (a sample), all principals. */
async function insertLogs(db: Db, all: Traffic[]) {
  const rows = all.map((t, i) => ({
    request_id: `req-${i}`,
    ts: `${t.hour.slice(0, 13)}:21:07Z`,
    account: t.account,
    region: "us-east-1",
    operation: "Converse",
    model_id: t.modelId,
    principal: t.principal,
    inference_region: null,
    input_tokens: Math.round(t.input * LOG_SHARE),
    output_tokens: Math.round(t.output * LOG_SHARE),
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    error_code: null,
    request_metadata: "{}",
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("invocation_log")
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function seedCoverageOrg(db: Db, o: { runaway?: boolean } = {}) {
  const all = traffic(o.runaway ?? false);
  await insertBill(db, all);
  await insertMetrics(db, all);
  await insertLogs(db, all);
  await recomputeEstimates(db, {
    now: new Date(NOW),
    from: FIRST_ESTIMATED,
    to: NOW.slice(0, 10),
    accounts: CONFIG.accounts,
  });
}
