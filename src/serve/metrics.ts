import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import {
  type CounterName,
  type HistogramName,
  type Labels,
  setTelemetry,
  type Telemetry,
} from "../util/telemetry.js";

const PREFIX = "bedrock_spend_";

const COUNTERS: Record<CounterName, { help: string; labels: string[] }> = {
  aws_calls: { help: "AWS API calls by service and outcome (ok, error)", labels: ["service", "outcome"] },
  collection_runs: { help: "Scheduled collection runs by source and status", labels: ["source", "status"] },
  collection_failures: { help: "Failed collection units by source", labels: ["source"] },
  cur_lines_ingested: { help: "CUR line items read into the store", labels: [] },
  slack_alerts_posted: { help: "Slack alerts and digests posted, by kind", labels: ["kind"] },
  mcp_tool_calls: { help: "MCP tool calls by tool and outcome (ok, error)", labels: ["tool", "outcome"] },
};

const HISTOGRAMS: Record<HistogramName, { help: string; labels: string[]; buckets: number[] }> = {
  mcp_tool_seconds: {
    help: "MCP tool latency in seconds",
    labels: ["tool"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  store_query_seconds: {
    help: "Store query latency in seconds",
    labels: [],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
  },
};

export interface ServeMetrics {
  registry: Registry;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  /** Puts the previous telemetry sink back. */
  uninstall(): void;
}

/** A Prometheus registry fed by the process-wide telemetry sink, plus Node's default metrics. */
export function installServeMetrics(): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const counters = new Map<string, Counter>();
  for (const [name, c] of Object.entries(COUNTERS)) {
    const metric = new Counter({
      name: `${PREFIX}${name}_total`,
      help: c.help,
      labelNames: c.labels,
      registers: [registry],
    });
    counters.set(name, metric);
  }
  const histograms = new Map<string, Histogram>();
  for (const [name, h] of Object.entries(HISTOGRAMS)) {
    const metric = new Histogram({
      name: `${PREFIX}${name}`,
      help: h.help,
      labelNames: h.labels,
      buckets: h.buckets,
      registers: [registry],
    });
    histograms.set(name, metric);
  }
  const sink: Telemetry = {
    count: (name: CounterName, labels: Labels = {}, by = 1) => counters.get(name)?.inc(labels, by),
    observe: (name: HistogramName, seconds: number, labels: Labels = {}) =>
      histograms.get(name)?.observe(labels, seconds),
  };
  const uninstall = setTelemetry(sink);
  return { registry, render: () => registry.metrics(), uninstall };
}
