import type { McpChild } from "./mcp-child.js";
import { type CallRecord, connectClient, probeToolsList, timedCall } from "./mcp-load-client.js";

export interface LoadRun {
  records: CallRecord[];
  connectErrors: number;
  listMs: number[];
  peakRssMb: number;
  seconds: number;
}

const CLIENT_TIMEOUT_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `clients` SDK clients call `tool` back to back for `seconds`. Even clients repeat the tool's
 * default question (what an assistant asks most); odd ones ask a question nobody asked before
 * (a fresh minImpactUsd each time), so half the calls always need new work. A client told 503
 * waits the Retry-After it was given, as a well-behaved client does.
 */
export async function runLoad(
  server: McpChild,
  o: { clients: number; seconds: number; tool: string },
): Promise<LoadRun> {
  const records: CallRecord[] = [];
  let connectErrors = 0;
  let fresh = 0;
  let peakRssMb = server.rssMb();
  const rss = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, server.rssMb());
  }, 250);
  const probe = probeToolsList(server.url, 200);
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, i) => {
      let client: Awaited<ReturnType<typeof connectClient>>;
      try {
        client = await connectClient(server.url, CLIENT_TIMEOUT_MS);
      } catch {
        connectErrors++;
        return;
      }
      while (performance.now() < end) {
        const args = i % 2 === 0 ? {} : { minImpactUsd: 20 + ++fresh / 1000 };
        const r = await timedCall(client, o.tool, args, CLIENT_TIMEOUT_MS);
        records.push(r);
        if (r.outcome === "busy") await sleep(1000);
      }
      await client.close();
    }),
  );
  clearInterval(rss);
  const listMs = await probe.stop();
  return {
    records,
    connectErrors,
    listMs,
    peakRssMb: Math.max(peakRssMb, server.peakRssMb()),
    seconds: (performance.now() - t0) / 1000,
  };
}
