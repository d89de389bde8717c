import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/**
 * One load client: the real SDK client over Streamable HTTP. An HTTP 503 from the server is an
 * answer (the server said "busy, retry"); anything else that is not a JSON-RPC result (a reset
 * connection, no answer within the client's timeout, a 5xx other than 503) is a transport error.
 */
export type Outcome = "result" | "tool_error" | "busy" | "transport_error";

export interface CallRecord {
  outcome: Outcome;
  ms: number;
  detail?: string;
}

export async function connectClient(url: string, timeoutMs: number): Promise<Client> {
  const client = new Client({ name: "load", version: "0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)), { timeout: timeoutMs });
  return client;
}

export async function timedCall(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  timeoutMs: number,
): Promise<CallRecord> {
  const t0 = performance.now();
  try {
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs });
    return { outcome: r.isError ? "tool_error" : "result", ms: performance.now() - t0 };
  } catch (err) {
    const ms = performance.now() - t0;
    if (err instanceof StreamableHTTPError && err.code === 503) return { outcome: "busy", ms };
    return { outcome: "transport_error", ms, detail: err instanceof Error ? err.message : String(err) };
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Times a raw tools/list POST (no SDK client work in the figure) until `stop()` is called. */
export function probeToolsList(url: string, everyMs: number): { stop: () => Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        await res.text();
        samples.push(res.ok ? performance.now() - t0 : Number.POSITIVE_INFINITY);
      } catch {
        samples.push(Number.POSITIVE_INFINITY);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}
