import { DEMO_PRINCIPALS, DEMO_SPIKE, type DemoModel } from "../synthetic/org.js";
import { SAVINGS_PROVISIONED, type SavingsStream } from "../synthetic/savings-traffic.js";
import { DEMO_RUNAWAY } from "../synthetic/scenario.js";
import { ACCOUNT_SHARE, type SandboxOrg, seriesSeed } from "./org-data.js";
import { unit } from "./rng.js";

/** The AWS/Bedrock metrics the sandbox publishes per ModelId. */
export const BEDROCK_METRICS = [
  "Invocations",
  "InputTokenCount",
  "OutputTokenCount",
  "CacheReadInputTokenCount",
  "CacheWriteInputTokenCount",
  "InvocationLatency",
  "InvocationThrottles",
  "InvocationClientErrors",
  "InvocationServerErrors",
] as const;
export type BedrockMetric = (typeof BEDROCK_METRICS)[number];

/** One hour of one ModelId: per metric, the sum of its samples and the number of samples. */
export type HourStats = Partial<Record<BedrockMetric, { sum: number; count: number }>>;

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** CloudWatch keeps hourly data 455 days (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html). */
export const RETENTION_MS = 455 * DAY_MS;

const avgInputPerCall = (m: DemoModel) => (m.provider === "Anthropic" ? 2500 : 1200);

/** Daily shape: peak around 15:00 UTC, weekends at 55 %. Mean over a weekday is 1. */
function shape(hourMs: number): number {
  const d = new Date(hourMs);
  const h = d.getUTCHours();
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.55 : 1;
  return weekend * (1 + 0.6 * Math.sin((2 * Math.PI * (h - 9)) / 24));
}

/** The demo spike (a runaway agent of one principal) scales its account's traffic of that model. */
function spikeFactor(org: SandboxOrg, account: string, model: DemoModel, hourMs: number): number {
  const principal = DEMO_PRINCIPALS.find((p) => p.arn === DEMO_SPIKE.principal);
  if (!principal || principal.account !== account || model.model !== DEMO_SPIKE.model) return 1;
  const today = Math.floor(org.now.getTime() / DAY_MS) * DAY_MS;
  const spikeDay = today - DEMO_SPIKE.daysAgo * DAY_MS;
  if (hourMs < spikeDay || hourMs >= spikeDay + DAY_MS) return 1;
  return 1 + principal.weight * (DEMO_SPIKE.factor - 1);
}

/** The on-call scenario's runaway: ×factor for its model in its account and region, for its hours. */
function runawayFactor(org: SandboxOrg, account: string, region: string, model: DemoModel, hourMs: number) {
  const r = org.runaway;
  if (!r || hourMs < r.startMs || hourMs >= r.endMs) return 1;
  const hit =
    account === DEMO_RUNAWAY.account && region === DEMO_RUNAWAY.region && model.model === DEMO_RUNAWAY.model;
  return hit ? DEMO_RUNAWAY.factor : 1;
}

const stat = (sum: number, count: number) => ({ sum, count });

export type HourSeries = (hourMs: number) => HourStats | null;

/**
 * Deterministic hourly metrics of one ModelId in one account/region: a function of the hour that
 * returns null when it had no traffic (CloudWatch publishes nothing for idle hours) and for hours
 * that have not ended before `now` or are past retention. Null series = unknown ModelId.
 */
export function hourSeries(
  org: SandboxOrg,
  account: string,
  region: string,
  modelId: string,
): HourSeries | null {
  const entry = org.modelIds(account, region).find((e) => e.modelId === modelId);
  if (!entry || !org.accounts.some((a) => a.id === account)) return null;
  const nowMs = org.now.getTime();
  const s = seriesSeed(org, `${account}/${region}/${modelId}`);
  const m = entry.model;
  const daily = m
    ? m.dailyInputTokens * (ACCOUNT_SHARE[account] ?? 0.1) * org.regionShare(account, region) * entry.share
    : 0;
  return (hourMs) => {
    if (hourMs + HOUR_MS > nowMs || hourMs < nowMs - RETENTION_MS) return null;
    const index = Math.floor(hourMs / HOUR_MS);
    if (entry.stream) return streamHour(entry.stream);
    if (!m) return entry.busy ? committedPtHour() : provisionedHour(s, index);
    const spike = spikeFactor(org, account, m, hourMs) * runawayFactor(org, account, region, m, hourMs);
    const input = Math.round((daily / 24) * shape(hourMs) * (0.9 + 0.2 * unit(s, index, 1)) * spike);
    return input > 0 ? modelHour(m, input, s, index, spike) : null;
  };
}

function modelHour(m: DemoModel, input: number, s: number, index: number, spike: number): HourStats {
  const calls = Math.max(1, Math.round(input / avgInputPerCall(m)));
  const output = Math.round(input * m.outputRatio);
  const cacheRead = Math.round(input * (m.cacheReadRatio ?? 0));
  const cacheWrite = m.price.cacheWrite5m ? Math.round(cacheRead * 0.08) : 0;
  const latency = 250 + (output / calls) * 9 * (0.9 + 0.2 * unit(s, index, 2));
  const out: HourStats = {
    Invocations: stat(calls, calls),
    InputTokenCount: stat(input, calls),
    OutputTokenCount: stat(output, calls),
    InvocationLatency: stat(latency * calls, calls),
  };
  if (cacheRead) out.CacheReadInputTokenCount = stat(cacheRead, calls);
  if (cacheWrite) out.CacheWriteInputTokenCount = stat(cacheWrite, calls);
  const throttles = Math.round(calls * 0.004 * unit(s, index, 3) * spike);
  const clientErrors = Math.round(calls * 0.003 * unit(s, index, 4));
  const serverErrors = Math.round(calls * 0.0005 * unit(s, index, 5));
  if (throttles) out.InvocationThrottles = stat(throttles, throttles);
  if (clientErrors) out.InvocationClientErrors = stat(clientErrors, clientErrors);
  if (serverErrors) out.InvocationServerErrors = stat(serverErrors, serverErrors);
  return out;
}

/** The provisioned throughput is mostly idle: traffic in ~6 % of hours, a handful of calls. */
function provisionedHour(s: number, index: number): HourStats | null {
  if (unit(s, index, 7) >= 0.06) return null;
  const calls = 1 + Math.floor(unit(s, index, 8) * 20);
  const input = calls * 800;
  const output = calls * 160;
  return {
    Invocations: stat(calls, calls),
    InputTokenCount: stat(input, calls),
    OutputTokenCount: stat(output, calls),
    InvocationLatency: stat(calls * 900, calls),
  };
}

/** A steady savings stream: the same tokens every hour (its CUR bills the same every day). */
function streamHour(st: SavingsStream): HourStats {
  const per = (daily: number) => daily / 24;
  const calls = Math.max(1, Math.round(per(st.daily.input) / 2500));
  const out: HourStats = {
    Invocations: stat(calls, calls),
    InputTokenCount: stat(per(st.daily.input), calls),
    OutputTokenCount: stat(per(st.daily.output), calls),
    InvocationLatency: stat(calls * 1200, calls),
  };
  if (st.daily.cacheRead) out.CacheReadInputTokenCount = stat(per(st.daily.cacheRead), calls);
  if (st.daily.cacheWrite5m) out.CacheWriteInputTokenCount = stat(per(st.daily.cacheWrite5m), calls);
  return out;
}

/** The committed provisioned throughput is busy every hour with the same traffic. */
function committedPtHour(): HourStats {
  const h = SAVINGS_PROVISIONED.hourly;
  return {
    Invocations: stat(h.invocations, h.invocations),
    InputTokenCount: stat(h.input, h.invocations),
    OutputTokenCount: stat(h.output, h.invocations),
    InvocationLatency: stat(h.invocations * 700, h.invocations),
  };
}
