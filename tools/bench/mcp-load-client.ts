import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
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
  /** Seconds the server asked a refused (503) client to wait. */
  retryAfterS?: number;
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
    const ms = performance.now() - t0;
    if (!r.isError) return { outcome: "result", ms };
    const text = (r.content as { text?: string }[]).map((c) => c.text ?? "").join(" ");
    return { outcome: "tool_error", ms, detail: text };
  } catch (err) {
    const ms = performance.now() - t0;
    if (err instanceof StreamableHTTPError && err.code === 503) {
      // The SDK error keeps the body, not the headers; the body says the same wait.
      const retryAfterS = Number(/retry after (\d+) s/.exec(err.message)?.[1] ?? 1);
      return { outcome: "busy", ms, retryAfterS };
    }
    return { outcome: "transport_error", ms, detail: err instanceof Error ? err.message : String(err) };
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Times a raw tools/list POST every `everyMs` from a separate process (mcp-list-probe.ts) until
 * `stop()`; a failed probe counts as Infinity.
 */
export function probeToolsList(url: string, everyMs: number): { stop: () => Promise<number[]> } {
  const script = fileURLToPath(new URL("./mcp-list-probe.ts", import.meta.url));
  const args = ["--import", import.meta.resolve("tsx"), script, url, String(everyMs)];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const closed = once(child, "close");
  return {
    stop: async () => {
      child.stdin.end();
      await closed;
      return (JSON.parse(out || "[]") as (number | null)[]).map((v) => v ?? Number.POSITIVE_INFINITY);
    },
  };
}
