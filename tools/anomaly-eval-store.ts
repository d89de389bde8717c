import { describeAwsError } from "../src/aws/errors.js";
import { recomputeEstimates } from "../src/derive/estimate.js";
import type { Db } from "../src/store/db.js";
import { insertCollectionRun } from "../src/store/queries/collection-run.js";
import { type MetricHourRow, setMetricWatermark, upsertMetricHours } from "../src/store/queries/metrics.js";
import { addDays } from "../src/util/dates.js";
import { insertBill } from "./anomaly-eval-bill.js";

/**
 * Writes an organization's hourly traffic into a real store the way production fills it: the CUR
 * bills every account through `billedThrough` with every principal; CloudWatch metrics exist where
 * the role could read them (watermarks and collection runs say so); invocation logs carry a share
 * of the requests; the estimate recompute fills the days after the bill. Used by the anomaly
 * evaluation (tools/anomaly-eval-org.ts) and the issue-10 tests.
 */

export interface TrafficHour {
  hour: string;
  account: string;
  region: string;
  modelId: string;
  principal: string;
  input: number;
  output: number;
}

export interface MetricGap {
  account: string;
  region: string;
  /** Last hour with metrics (null: none at all). */
  through: string | null;
  /** How the collector fails for it: the AWS error name (AccessDenied, ThrottlingException, …). */
  errorName: string;
  /** When the failing streak began (ISO instant). */
  since: string;
}

export interface OrgStore {
  traffic: TrafficHour[];
  accounts: { id: string; name: string; roleArn: string }[];
  firstDay: string;
  billedThrough: string;
  /** Last hour the metrics collector read (the watermark of every covered account/region). */
  lastHour: string;
  now: string;
  /** Share of requests invocation logs carry (per principal and hour, rounded). */
  logShare: number;
  /** First hour with invocation logs (logging turned on then); absent: from the start. */
  logsFrom?: string;
  gaps: MetricGap[];
}

const CHUNK = 500;
const arKey = (a: string, r: string) => `${a}|${r}`;

async function insertMetrics(db: Db, o: OrgStore) {
  const gap = new Map(o.gaps.map((g) => [arKey(g.account, g.region), g]));
  const cells = new Map<string, MetricHourRow>();
  for (const t of o.traffic) {
    const g = gap.get(arKey(t.account, t.region));
    if (g && (g.through === null || t.hour > g.through)) continue;
    const k = `${t.account}|${t.region}|${t.modelId}|${t.hour}`;
    const row = cells.get(k) ?? {
      account: t.account,
      region: t.region,
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
  const ars = new Map(o.traffic.map((t) => [arKey(t.account, t.region), t]));
  for (const [k, t] of ars) {
    const g = gap.get(k);
    const lastHour = g ? g.through : o.lastHour;
    if (lastHour) await setMetricWatermark(db, { account: t.account, region: t.region, lastHour, at: o.now });
    await recordRuns(db, o, t.account, t.region, g);
  }
}

/** The metrics unit's runs: ok throughout, or failing since the gap began (3 runs). */
async function recordRuns(db: Db, o: OrgStore, account: string, region: string, g: MetricGap | undefined) {
  const roleArn = o.accounts.find((a) => a.id === account)?.roleArn ?? null;
  const e = g
    ? describeAwsError({ name: g.errorName }, { action: "cloudwatch:GetMetricData", account, roleArn })
    : null;
  const times = g ? [g.since, o.now, o.now] : [o.now];
  for (const [i, at] of times.entries())
    await insertCollectionRun(db, {
      run_id: `eval-${i}`,
      source: "metrics",
      account,
      region,
      status: e ? "failed" : "ok",
      error_name: e?.name ?? null,
      error: e?.message ?? null,
      fix: e?.fix || null,
      items: e ? 0 : 100,
      api_calls: 2,
      metrics_requested: 10,
      duration_ms: 300,
      started_at: at,
      finished_at: at,
    });
}

async function insertLogs(db: Db, o: OrgStore) {
  const logged = o.logsFrom ? o.traffic.filter((t) => t.hour >= (o.logsFrom as string)) : o.traffic;
  const rows = logged.map((t, i) => ({
    request_id: `req-${i}`,
    ts: `${t.hour.slice(0, 13)}:21:07Z`,
    account: t.account,
    region: t.region,
    operation: "Converse",
    model_id: t.modelId,
    principal: t.principal,
    inference_region: null,
    input_tokens: Math.round(t.input * o.logShare),
    output_tokens: Math.round(t.output * o.logShare),
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    error_code: null,
    request_metadata: "{}",
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("invocation_log")
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function seedOrgStore(db: Db, o: OrgStore): Promise<void> {
  await insertBill(db, o);
  await insertMetrics(db, o);
  await insertLogs(db, o);
  await recomputeEstimates(db, {
    now: new Date(o.now),
    from: addDays(o.billedThrough, 1),
    to: o.now.slice(0, 10),
    accounts: o.accounts,
  });
}
