/**
 * Operational counters and timings, recorded where things happen (AWS calls, collection runs, CUR
 * ingest, Slack posts, MCP tools, store queries) and exported only by `serve` (Prometheus at
 * /metrics). Every other command keeps the no-op sink, so nothing is loaded or kept for it.
 */
export type CounterName =
  | "aws_calls"
  | "collection_runs"
  | "collection_failures"
  | "cur_lines_ingested"
  | "slack_alerts_posted"
  | "mcp_tool_calls";

export type HistogramName = "mcp_tool_seconds" | "store_query_seconds";

export type Labels = Record<string, string>;

export interface Telemetry {
  count(name: CounterName, labels?: Labels, by?: number): void;
  /** One duration in seconds. */
  observe(name: HistogramName, seconds: number, labels?: Labels): void;
}

export const noTelemetry: Telemetry = { count() {}, observe() {} };

let sink: Telemetry = noTelemetry;

/** The process-wide sink (metrics are per process, as Prometheus scrapes them). */
export function telemetry(): Telemetry {
  return sink;
}

/** Installs a sink; returns a function that restores the previous one. */
export function setTelemetry(next: Telemetry): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}
