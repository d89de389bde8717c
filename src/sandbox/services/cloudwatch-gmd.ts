import { createHash } from "node:crypto";
import { hourSeries } from "../org-metrics.js";
import { serviceError } from "../protocols/errors.js";
import { epochSeconds, jsonBody, jsonResponse, parseEpoch } from "../protocols/json.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { Dimension } from "./metric-buckets.js";
import { buckets, isBedrockMetric, isStat, roundStart, statValue } from "./metric-buckets.js";

interface Query {
  Id: string;
  Label?: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] };
    Period: number;
    Stat: string;
  };
}

interface Request {
  MetricDataQueries?: Query[];
  StartTime?: unknown;
  EndTime?: unknown;
  NextToken?: string;
  ScanBy?: "TimestampDescending" | "TimestampAscending";
  MaxDatapoints?: number;
}

/** Per-call limits of GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html). */
export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;

const ID_RE = /^[a-z][a-zA-Z0-9_]*$/;
const bad = (message: string) => serviceError("monitoring", "invalid", message);

function validate(q: Request): string | null {
  const queries = q.MetricDataQueries ?? [];
  if (!queries.length) return "MetricDataQueries must not be empty.";
  if (queries.length > MAX_QUERIES)
    return `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`;
  const ids = new Set<string>();
  for (const m of queries) {
    if (!ID_RE.test(m.Id ?? ""))
      return `Invalid metric data query Id "${m.Id}": must start with a lowercase letter.`;
    if (ids.has(m.Id)) return `Duplicate metric data query Id "${m.Id}".`;
    ids.add(m.Id);
    if (m.Expression) return "The sandbox does not evaluate metric math Expressions; use MetricStat.";
    const period = m.MetricStat?.Period ?? 0;
    if (!(period >= 60 && period % 60 === 0))
      return `Query ${m.Id}: Period must be a multiple of 60 seconds.`;
    if (!isStat(m.MetricStat?.Stat ?? "")) return `Query ${m.Id}: unsupported Stat ${m.MetricStat?.Stat}.`;
  }
  return null;
}

/**
 * GetMetricData: ≤500 queries and ≤MaxDatapoints (100,800) datapoints per call; the rest comes
 * through NextToken, each page listing the queries it has points for (`PartialData` while a query
 * continues on a later page). The token is bound to the request it continues.
 */
export function getMetricData(state: SandboxState, account: string, req: SandboxRequest): SandboxResponse {
  const q = jsonBody<Request>(req);
  const invalid = validate(q);
  if (invalid) return bad(invalid);
  const start = parseEpoch(q.StartTime)?.getTime();
  const end = parseEpoch(q.EndTime)?.getTime();
  if (start === undefined || end === undefined || start >= end)
    return bad("The parameter StartTime must be less than the parameter EndTime.");
  const max = Math.min(q.MaxDatapoints ?? MAX_DATAPOINTS, MAX_DATAPOINTS);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify({ ...q, NextToken: undefined, region: req.region, account }))
    .digest("hex")
    .slice(0, 16);
  let offset = 0;
  if (q.NextToken) {
    const [fp, off] = Buffer.from(q.NextToken, "base64").toString("utf8").split(":");
    offset = Number(off);
    if (fp !== fingerprint || !Number.isInteger(offset))
      return serviceError("monitoring", "invalid", "Invalid NextToken", "InvalidNextToken");
  }
  const from = roundStart(start, state.org.now.getTime());
  const desc = (q.ScanBy ?? "TimestampDescending") === "TimestampDescending";
  const series = (q.MetricDataQueries ?? [])
    .filter((m) => m.ReturnData !== false)
    .map((m) => {
      const ms = m.MetricStat!;
      const dims = ms.Metric.Dimensions ?? [];
      const modelId = dims.length === 1 && dims[0].Name === "ModelId" ? dims[0].Value : undefined;
      const s =
        ms.Metric.Namespace === "AWS/Bedrock" && modelId
          ? hourSeries(state.org, account, req.region, modelId)
          : null;
      const name = ms.Metric.MetricName ?? "";
      const points = s && isBedrockMetric(name) ? buckets(s, name, from, end, ms.Period) : [];
      if (desc) points.reverse();
      const stat = ms.Stat as Parameters<typeof statValue>[1];
      return { m, points: points.map((b) => [epochSeconds(b.t), statValue(b, stat)] as const) };
    });

  const results: Record<string, unknown>[] = [];
  let seen = 0;
  for (const { m, points } of series) {
    const first = Math.max(0, offset - seen);
    const take = Math.max(0, Math.min(points.length - first, offset + max - seen - first));
    const inPage = points.slice(first, first + take);
    // A query without any datapoint is reported once, on the first page.
    if (inPage.length || (points.length === 0 && offset === 0)) {
      results.push({
        Id: m.Id,
        Label: m.Label ?? m.MetricStat?.Metric.MetricName,
        Timestamps: inPage.map((p) => p[0]),
        Values: inPage.map((p) => p[1]),
        StatusCode: first + take < points.length ? "PartialData" : "Complete",
      });
    }
    seen += points.length;
  }
  const next =
    offset + max < seen ? Buffer.from(`${fingerprint}:${offset + max}`).toString("base64") : undefined;
  return jsonResponse("1.0", { MetricDataResults: results, NextToken: next, Messages: [] });
}
