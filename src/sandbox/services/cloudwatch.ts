import { BEDROCK_METRICS, HOUR_MS, hourSeries } from "../org-metrics.js";
import { serviceError } from "../protocols/errors.js";
import { epochSeconds, jsonBody, jsonResponse, jsonTarget, parseEpoch } from "../protocols/json.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import { getMetricData } from "./cloudwatch-gmd.js";
import type { Dimension } from "./metric-buckets.js";
import { buckets, isBedrockMetric, isStat, roundStart, statValue, unitOf } from "./metric-buckets.js";
import type { SandboxService } from "./service.js";

const RECENT_MS = 14 * 24 * HOUR_MS;

/** CloudWatch (awsJson1_0, query-compatible): ListMetrics, GetMetricData, GetMetricStatistics, DescribeAlarms. */
export function createCloudWatchService(state: SandboxState): SandboxService {
  return {
    service: "monitoring",
    actionOf: jsonTarget,
    async handle(req) {
      const account = state.identities.lookup(req.accessKeyId);
      const acct = account.ok ? account.identity.account : "";
      switch (jsonTarget(req)) {
        case "ListMetrics":
          return listMetrics(state, acct, req);
        case "GetMetricData":
          return getMetricData(state, acct, req);
        case "GetMetricStatistics":
          return getMetricStatistics(state, acct, req);
        case "DescribeAlarms":
          return jsonResponse("1.0", { MetricAlarms: [], CompositeAlarms: [] });
        default:
          return serviceError(
            "monitoring",
            "invalid",
            `sandbox CloudWatch does not implement ${jsonTarget(req)}`,
          );
      }
    },
  };
}

/** Metrics with data in the last two weeks (ListMetrics omits older ones), 500 per page. */
function listMetrics(state: SandboxState, account: string, req: SandboxRequest): SandboxResponse {
  const q = jsonBody<{
    Namespace?: string;
    MetricName?: string;
    Dimensions?: Dimension[];
    NextToken?: string;
  }>(req);
  const all: { Namespace: string; MetricName: string; Dimensions: Dimension[] }[] = [];
  if (!q.Namespace || q.Namespace === "AWS/Bedrock") {
    const nowMs = state.org.now.getTime();
    for (const { modelId } of state.org.modelIds(account, req.region)) {
      if (q.Dimensions?.some((d) => d.Name !== "ModelId" || (d.Value !== undefined && d.Value !== modelId)))
        continue;
      const series = hourSeries(state.org, account, req.region, modelId);
      const seen = new Set<string>();
      for (let h = Math.floor((nowMs - RECENT_MS) / HOUR_MS) * HOUR_MS; series && h < nowMs; h += HOUR_MS) {
        for (const m of Object.keys(series(h) ?? {})) seen.add(m);
      }
      for (const m of BEDROCK_METRICS) {
        if (!seen.has(m) || (q.MetricName && q.MetricName !== m)) continue;
        all.push({
          Namespace: "AWS/Bedrock",
          MetricName: m,
          Dimensions: [{ Name: "ModelId", Value: modelId }],
        });
      }
    }
  }
  const page = state.limits.listMetricsPage;
  const offset = q.NextToken ? Number(Buffer.from(q.NextToken, "base64").toString("utf8").slice(3)) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    return serviceError("monitoring", "invalid", "Invalid NextToken", "InvalidNextToken");
  const next = offset + page < all.length ? Buffer.from(`lm:${offset + page}`).toString("base64") : undefined;
  return jsonResponse("1.0", { Metrics: all.slice(offset, offset + page), NextToken: next });
}

function getMetricStatistics(state: SandboxState, account: string, req: SandboxRequest): SandboxResponse {
  const q = jsonBody<{
    Namespace: string;
    MetricName: string;
    Dimensions?: Dimension[];
    StartTime: unknown;
    EndTime: unknown;
    Period: number;
    Statistics?: string[];
  }>(req);
  const start = parseEpoch(q.StartTime)?.getTime();
  const end = parseEpoch(q.EndTime)?.getTime();
  const stats = q.Statistics ?? [];
  if (start === undefined || end === undefined || start >= end)
    return serviceError(
      "monitoring",
      "invalid",
      "The parameter StartTime must be less than the parameter EndTime.",
    );
  if (!(q.Period >= 60 && q.Period % 60 === 0) || !stats.length || !stats.every(isStat))
    return serviceError(
      "monitoring",
      "invalid",
      "Period must be a multiple of 60 and Statistics one of Sum, Average, SampleCount, Minimum, Maximum.",
    );
  const from = roundStart(start, state.org.now.getTime());
  if ((end - from) / (q.Period * 1000) > 1440)
    return serviceError(
      "monitoring",
      "invalid",
      "You have requested up to 1,440 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
      "InvalidParameterCombination",
    );
  const modelId =
    q.Dimensions?.length === 1 && q.Dimensions[0].Name === "ModelId" ? q.Dimensions[0].Value : undefined;
  const series =
    q.Namespace === "AWS/Bedrock" && modelId ? hourSeries(state.org, account, req.region, modelId) : null;
  const metric = q.MetricName;
  const points =
    series && isBedrockMetric(metric)
      ? buckets(series, metric, from, end, q.Period).map((b) => {
          const dp: Record<string, unknown> = { Timestamp: epochSeconds(b.t), Unit: unitOf(metric) };
          for (const s of stats.filter(isStat)) dp[s] = statValue(b, s);
          return dp;
        })
      : [];
  return jsonResponse("1.0", { Label: metric, Datapoints: points });
}
