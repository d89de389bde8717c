import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  paginateListMetrics,
} from "@aws-sdk/client-cloudwatch";
import type { Db } from "../../store/db.js";
import { getMetricWatermark, type MetricHourRow, writeMetricHours } from "../../store/queries/metrics.js";
import { isoHour } from "../../util/dates.js";
import type { UnitResult } from "../types.js";
import { BEDROCK_METRICS, METRIC_BY_NAME, type MetricColumn, NAMESPACE, PERIOD_SECONDS } from "./metrics.js";
import { planGetMetricData } from "./plan.js";
import { getMetricDataPageSchema, listMetricsPageSchema } from "./schemas.js";
import { metricWindow } from "./window.js";

export interface MetricQuery {
  modelId: string;
  metric: string;
  stat: "Sum" | "Average";
  column: MetricColumn;
}

/**
 * ListMetrics → the (ModelId, metric) pairs that exist. ListMetrics omits metrics without data in
 * the last two weeks, so a long backfill only covers models still in use (docs/aws-data.md §2.3).
 * Metrics with extra dimensions (ImageSize, …) and the account-wide log-delivery metrics are skipped.
 */
export async function discoverMetricQueries(
  cw: CloudWatchClient,
): Promise<{ queries: MetricQuery[]; calls: number }> {
  const seen = new Map<string, MetricQuery>();
  let calls = 0;
  for await (const raw of paginateListMetrics({ client: cw }, { Namespace: NAMESPACE })) {
    calls++;
    const page = listMetricsPageSchema.parse(raw);
    for (const m of page.Metrics) {
      const def = m.MetricName ? METRIC_BY_NAME.get(m.MetricName) : undefined;
      const dims = m.Dimensions ?? [];
      if (!def || dims.length !== 1 || dims[0].Name !== "ModelId") continue;
      const modelId = dims[0].Value;
      seen.set(`${modelId}\u0000${def.name}`, {
        modelId,
        metric: def.name,
        stat: def.stat,
        column: def.column,
      });
    }
  }
  const order = new Map(BEDROCK_METRICS.map((m, i) => [m.name, i]));
  const queries = [...seen.values()].sort(
    (a, b) => a.modelId.localeCompare(b.modelId) || order.get(a.metric)! - order.get(b.metric)!,
  );
  return { queries, calls };
}

function emptyRow(account: string, region: string, modelId: string, hour: string): MetricHourRow {
  return {
    account,
    region,
    model_id: modelId,
    hour,
    invocations: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    latency_avg_ms: null,
    throttles: 0,
    client_errors: 0,
    server_errors: 0,
  };
}

export interface CollectMetricsOptions {
  account: string;
  region: string;
  now: Date;
  backfillDays: number;
  since?: string;
}

/** One account × region: fetch the window's hours with the minimum number of GetMetricData calls. */
export async function collectMetrics(
  db: Db,
  cw: CloudWatchClient,
  opts: CollectMetricsOptions,
): Promise<UnitResult> {
  const watermark = await getMetricWatermark(db, opts.account, opts.region);
  const win = metricWindow({ now: opts.now, watermark, backfillDays: opts.backfillDays, since: opts.since });
  const { queries, calls: listCalls } = await discoverMetricQueries(cw);
  const result: UnitResult = { items: 0, apiCalls: listCalls, metricsRequested: 0 };
  const rows = new Map<string, MetricHourRow>();
  const hourMs = 3_600_000;
  for (const call of planGetMetricData(queries.length, win.hours)) {
    const batch = queries.slice(call.queryStart, call.queryEnd);
    const MetricDataQueries: MetricDataQuery[] = batch.map((q, i) => ({
      Id: `q${i}`,
      MetricStat: {
        Metric: {
          Namespace: NAMESPACE,
          MetricName: q.metric,
          Dimensions: [{ Name: "ModelId", Value: q.modelId }],
        },
        Period: PERIOD_SECONDS,
        Stat: q.stat,
      },
      ReturnData: true,
    }));
    const StartTime = new Date(win.start.getTime() + call.hourStart * hourMs);
    const EndTime = new Date(win.start.getTime() + call.hourEnd * hourMs);
    let NextToken: string | undefined;
    do {
      const raw = await cw.send(
        new GetMetricDataCommand({
          MetricDataQueries,
          StartTime,
          EndTime,
          NextToken,
          ScanBy: "TimestampAscending",
        }),
      );
      result.apiCalls++;
      result.metricsRequested += batch.length;
      const page = getMetricDataPageSchema.parse(raw);
      for (const r of page.MetricDataResults) {
        if (r.StatusCode && r.StatusCode !== "Complete" && r.StatusCode !== "PartialData")
          throw new Error(`GetMetricData returned status ${r.StatusCode} for query ${r.Id}`);
        const q = batch[Number(r.Id.slice(1))];
        if (!q) throw new Error(`GetMetricData returned an unknown query id ${r.Id}`);
        r.Timestamps.forEach((ts, i) => {
          const hour = isoHour(ts);
          const key = `${q.modelId}\u0000${hour}`;
          const row = rows.get(key) ?? emptyRow(opts.account, opts.region, q.modelId, hour);
          (row as Record<MetricColumn, number | null>)[q.column] = r.Values[i] ?? 0;
          rows.set(key, row);
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  // Rows and watermark move together: a failed or interrupted run leaves the previous state.
  await writeMetricHours(
    db,
    [...rows.values()],
    win.hours > 0
      ? {
          account: opts.account,
          region: opts.region,
          lastHour: isoHour(new Date(win.end.getTime() - hourMs)),
          at: opts.now.toISOString(),
        }
      : undefined,
  );
  result.items = rows.size;
  return result;
}
