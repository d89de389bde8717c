import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoStore } from "../../tools/bench/demo-store.js";
import { type McpChild, startMcpChild, writeBudgetConfig } from "../../tools/bench/mcp-child.js";
import {
  type CallRecord,
  connectClient,
  percentile,
  probeToolsList,
  timedCall,
} from "../../tools/bench/mcp-load-client.js";

const CLIENTS = 200;
const ANSWER_WITHIN_MS = 10_000;

/**
 * The measurement, as a test: 200 concurrent clients call the heaviest tool at once on a
 * demo-shaped store. Half ask the same question (an assistant's default), half each ask their own
 * (distinct minImpactUsd), so the server cannot answer everything from one computation.
 */
describe("MCP over HTTP with 200 concurrent detect_anomalies clients", { timeout: 240_000 }, () => {
  let store: { dir: string; dbPath: string };
  let server: McpChild;

  beforeAll(async () => {
    store = await demoStore();
    server = await startMcpChild({
      dbPath: store.dbPath,
      configPath: writeBudgetConfig(store.dir),
      now: DEMO_NOW,
      heapMb: 1024,
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (store) rmSync(store.dir, { recursive: true, force: true });
  });

  it("answers every call (a result or a fast 503) within 10 s, without transport errors, and keeps tools/list fast", async () => {
    const probe = probeToolsList(server.url, 100);
    const records = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i): Promise<CallRecord> => {
        const t0 = performance.now();
        try {
          const client = await connectClient(server.url, ANSWER_WITHIN_MS + 2000);
          const args = i % 2 === 0 ? {} : { minImpactUsd: 20 + i };
          const r = await timedCall(client, "detect_anomalies", args, ANSWER_WITHIN_MS + 2000);
          await client.close();
          return r;
        } catch (err) {
          return { outcome: "transport_error", ms: performance.now() - t0, detail: String(err) };
        }
      }),
    );
    const listMs = await probe.stop();
    const count = (o: CallRecord["outcome"]) => records.filter((r) => r.outcome === o).length;
    const errors = records.filter((r) => r.outcome === "transport_error");
    expect(errors.map((e) => e.detail).slice(0, 3), `${errors.length} transport errors`).toEqual([]);
    expect(count("tool_error")).toBe(0);
    expect(count("result")).toBeGreaterThan(0);
    expect(count("result") + count("busy")).toBe(CLIENTS);
    expect(Math.max(...records.map((r) => r.ms))).toBeLessThan(ANSWER_WITHIN_MS);
    expect(listMs.length).toBeGreaterThan(5);
    expect(percentile(listMs, 95)).toBeLessThan(500);
    expect(server.child.exitCode).toBeNull();
    expect(server.peakRssMb()).toBeLessThan(600);
  });
});
