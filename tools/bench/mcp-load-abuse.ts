/**
 * The abusive requests of the load bench: each is sent once and must be answered with a 4xx in
 * under a second (they used to stall every client for minutes or exhaust memory).
 */
export interface AbuseProbe {
  name: string;
  status: number;
  ms: number;
}

const call = (id: number, name: string) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: {} },
});
const init = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } },
});

export const ABUSE_BODIES: [string, string][] = [
  [
    "batch of 100 detect_anomalies",
    JSON.stringify(Array.from({ length: 100 }, (_, i) => call(i + 1, "detect_anomalies"))),
  ],
  ["batch of 100 initialize", JSON.stringify(Array.from({ length: 100 }, (_, i) => init(i + 1)))],
  ["empty batch []", "[]"],
  ["10,000-deep nested array", `${"[".repeat(10_000)}${"]".repeat(10_000)}`],
];

export async function probeAbuse(url: string): Promise<AbuseProbe[]> {
  const out: AbuseProbe[] = [];
  for (const [name, body] of ABUSE_BODIES) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await res.text();
      out.push({ name, status: res.status, ms: performance.now() - t0 });
    } catch {
      out.push({ name, status: 0, ms: performance.now() - t0 });
    }
  }
  return out;
}
