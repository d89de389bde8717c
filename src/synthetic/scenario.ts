/**
 * The on-call scenario of the synthetic organization (docs/demo.md "The on-call scenario"): what
 * a good alerting tool must page for on the freshest, estimated data, and what it must not.
 *
 * - One account's role lacks `cloudwatch:GetMetricData`: its metrics collection fails with
 *   AccessDenied, so its estimated days have NO data (a data gap, never a $0 drop).
 * - Invocation logs are a sample: they carry at most DEMO_LOG_COVERAGE_MAX of the requests, so
 *   estimated days attribute only a small share of spend to principals.
 * - On the first estimated day (the day after the CUR's billedThrough, which is "today": the
 *   synthetic export bills through yesterday) one model in one account and region runs away ×10
 *   for four hours.
 */

export const DEMO_SCENARIOS = ["plain", "on-call"] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** The account whose read-only role lacks GetMetricData (staging: one region, one gap). */
export const DEMO_METRICS_DENIED = { account: "222222222222", action: "cloudwatch:GetMetricData" } as const;

/** The runaway: ×`factor` tokens of `model` in `account`/`region`, `hours` hours from `fromHourUtc`. */
export const DEMO_RUNAWAY = {
  account: "111111111111",
  region: "us-east-1",
  model: "Claude Sonnet 4.6",
  fromHourUtc: 7,
  hours: 4,
  factor: 10,
} as const;

/** Invocation logs carry at most this share of the requests (the sandbox samples a few per hour). */
export const DEMO_LOG_COVERAGE_MAX = 0.2;

const HOUR_MS = 3_600_000;

/** The runaway's hours as [start, end) epoch ms on the UTC day of `now` (the first estimated day). */
export function runawayWindow(now: Date): { startMs: number; endMs: number } {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const startMs = day + DEMO_RUNAWAY.fromHourUtc * HOUR_MS;
  return { startMs, endMs: startMs + DEMO_RUNAWAY.hours * HOUR_MS };
}

/** `YYYY-MM-DDTHH:00Z` of each runaway hour (how detect_anomalies names hours). */
export function runawayHours(now: Date): string[] {
  const { startMs } = runawayWindow(now);
  return Array.from(
    { length: DEMO_RUNAWAY.hours },
    (_, i) => `${new Date(startMs + i * HOUR_MS).toISOString().slice(0, 13)}:00Z`,
  );
}
