import { anomalyEvalBench } from "./anomaly-eval.js";
import { classifyBench } from "./classify.js";
import { collectMetricsBench } from "./collect-metrics.js";
import { estimateBench } from "./estimate.js";
import { hourlyAnomaliesBench } from "./hourly-anomalies.js";
import { ingestBench } from "./ingest.js";
import { mcpLatencyBench, mcpLatencyHcBench } from "./mcp-latency.js";
import { mcpLoadBench } from "./mcp-load.js";
import { onboardingBench } from "./onboarding.js";
import { reportSpendBench } from "./report-spend.js";
import { reportSpendHcBench } from "./report-spend-hc.js";
import { sandboxBench } from "./sandbox.js";
import { slackBench } from "./slack.js";
import type { Bench } from "./types.js";

/** Every benchmark, by name (`npm run bench -- <name>` runs one). */
export const benches: Bench[] = [
  anomalyEvalBench,
  classifyBench,
  collectMetricsBench,
  estimateBench,
  hourlyAnomaliesBench,
  ingestBench,
  mcpLatencyBench,
  mcpLatencyHcBench,
  mcpLoadBench,
  onboardingBench,
  reportSpendBench,
  reportSpendHcBench,
  sandboxBench,
  slackBench,
];
