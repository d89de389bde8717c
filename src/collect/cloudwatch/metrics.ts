import type { MetricHourRow } from "../../store/queries/metrics.js";

/**
 * The AWS/Bedrock runtime metrics we collect, their statistic and the metric_hourly column.
 * Cache metric names per docs/aws-data.md §2.1 (resolved at runtime with ListMetrics: a name that does
 * not exist is simply never queried).
 */
export type MetricColumn = Exclude<keyof MetricHourRow, "account" | "region" | "model_id" | "hour">;

export const BEDROCK_METRICS: { name: string; stat: "Sum" | "Average"; column: MetricColumn }[] = [
  { name: "Invocations", stat: "Sum", column: "invocations" },
  { name: "InputTokenCount", stat: "Sum", column: "input_tokens" },
  { name: "OutputTokenCount", stat: "Sum", column: "output_tokens" },
  { name: "CacheReadInputTokenCount", stat: "Sum", column: "cache_read_tokens" },
  { name: "CacheWriteInputTokenCount", stat: "Sum", column: "cache_write_tokens" },
  { name: "InvocationLatency", stat: "Average", column: "latency_avg_ms" },
  { name: "InvocationThrottles", stat: "Sum", column: "throttles" },
  { name: "InvocationClientErrors", stat: "Sum", column: "client_errors" },
  { name: "InvocationServerErrors", stat: "Sum", column: "server_errors" },
];

export const METRIC_BY_NAME = new Map(BEDROCK_METRICS.map((m) => [m.name, m]));

export const NAMESPACE = "AWS/Bedrock";
export const PERIOD_SECONDS = 3600;
