import { anomalyEvalBench } from "./anomaly-eval.js";
import { classifyBench } from "./classify.js";
import { collectMetricsBench } from "./collect-metrics.js";
import { mcpLatencyBench } from "./mcp-latency.js";
import { onboardingBench } from "./onboarding.js";
import { sandboxBench } from "./sandbox.js";
import type { Bench } from "./types.js";

/** Every benchmark, by name (`npm run bench -- <name>` runs one). */
export const benches: Bench[] = [
  classifyBench,
  anomalyEvalBench,
  mcpLatencyBench,
  sandboxBench,
  collectMetricsBench,
  onboardingBench,
];
