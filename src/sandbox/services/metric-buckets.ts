import { BEDROCK_METRICS, type BedrockMetric, HOUR_MS, type HourSeries } from "../org-metrics.js";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/**
 * CloudWatch rounds StartTime down by the data's age: to the minute (< 15 days), 5 minutes
 * (15–63 days) or the hour (older). https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
export function roundStart(startMs: number, nowMs: number): number {
  const age = nowMs - startMs;
  const step = age < 15 * DAY ? MIN : age < 63 * DAY ? 5 * MIN : HOUR_MS;
  return Math.floor(startMs / step) * step;
}

export interface Bucket {
  t: number;
  sum: number;
  count: number;
}

/**
 * Aggregates hourly data into Period buckets over [start, end) — StartTime inclusive, EndTime
 * exclusive. The sandbox books an hour's traffic at its first minute, so sub-hour periods show one
 * datapoint per hour and sums are exact for every period. Empty buckets are omitted (as AWS does).
 */
export function buckets(
  series: HourSeries,
  metric: BedrockMetric,
  startMs: number,
  endMs: number,
  periodS: number,
): Bucket[] {
  const p = periodS * 1000;
  const out = new Map<number, Bucket>();
  for (let h = Math.ceil(startMs / HOUR_MS) * HOUR_MS; h < endMs; h += HOUR_MS) {
    const v = series(h)?.[metric];
    if (!v || v.count === 0) continue;
    const t = startMs + Math.floor((h - startMs) / p) * p;
    const b = out.get(t) ?? { t, sum: 0, count: 0 };
    b.sum += v.sum;
    b.count += v.count;
    out.set(t, b);
  }
  return [...out.values()].sort((a, b) => a.t - b.t);
}

const STATS = ["Sum", "Average", "SampleCount", "Minimum", "Maximum"] as const;
export type Stat = (typeof STATS)[number];
export const isStat = (s: string): s is Stat => (STATS as readonly string[]).includes(s);

/** Minimum/Maximum are approximated by the average: the sandbox keeps no per-sample extremes. */
export function statValue(b: Bucket, stat: Stat): number {
  if (stat === "Sum") return b.sum;
  if (stat === "SampleCount") return b.count;
  return b.sum / b.count;
}

export const isBedrockMetric = (m: string): m is BedrockMetric =>
  (BEDROCK_METRICS as readonly string[]).includes(m);

export const unitOf = (m: BedrockMetric) => (m === "InvocationLatency" ? "Milliseconds" : "Count");

export interface Dimension {
  Name: string;
  Value?: string;
}
