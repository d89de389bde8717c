import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { DEMO_NOW, demoStore } from "./demo-store.js";
import { startMcpChild, writeBudgetConfig } from "./mcp-child.js";
import { probeAbuse } from "./mcp-load-abuse.js";
import { percentile } from "./mcp-load-client.js";
import { runLoad } from "./mcp-load-run.js";
import type { Bench, BenchResult } from "./types.js";

const CLIENTS = 200;
const SECONDS = Number(process.env.MCP_LOAD_SECONDS ?? 60);
const SETTLE_S = Number(process.env.MCP_LOAD_SETTLE_SECONDS ?? 60);
const TOOL = "detect_anomalies";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The operator's acceptance run: `mcp --http` (the build) on a demo-shaped store, 200 concurrent
 * clients on the heaviest tool for 60 s, a tools/list probe throughout, the abusive requests
 * before and after, and the server's memory at rest, at peak and a minute after the load.
 */
export const mcpLoadBench: Bench = {
  name: "mcp-load",
  async run() {
    const store = await demoStore();
    const server = await startMcpChild({
      dbPath: store.dbPath,
      configPath: writeBudgetConfig(store.dir),
      now: DEMO_NOW,
      heapMb: 1024,
      entry: "dist",
    });
    try {
      await sleep(2000);
      const baseline = server.rssMb();
      const abuse = await probeAbuse(server.url);
      console.error(
        `mcp-load: ${CLIENTS} clients × ${SECONDS} s on ${TOOL}; load avg ${loadavg()[0].toFixed(1)}`,
      );
      const load = await runLoad(server, { clients: CLIENTS, seconds: SECONDS, tool: TOOL });
      console.error(`mcp-load: waiting ${SETTLE_S} s for memory to settle`);
      await sleep(SETTLE_S * 1000);
      const after = server.rssMb();
      const alive = server.child.exitCode === null;
      return [
        ...loadResults(load),
        ...abuse.map((a) => r(`${a.name}: status`, a.status, "", "4xx", a.status >= 400 && a.status < 500)),
        ...abuse.map((a) => r(`${a.name}: answered in`, a.ms, "ms", "< 1000", a.ms < 1000)),
        r("RSS at rest before load", baseline, "MB"),
        r("RSS peak", load.peakRssMb, "MB", "< 600", load.peakRssMb < 600),
        r(`RSS ${SETTLE_S} s after load`, after, "MB"),
        r("RSS after / before", after / baseline, "ratio", "≤ 1.2", after / baseline <= 1.2),
        r("server still up", alive ? 1 : 0, "bool", "1", alive),
        r("machine load avg (1 min) at end", loadavg()[0], "procs"),
      ];
    } finally {
      await server.stop();
      rmSync(store.dir, { recursive: true, force: true });
    }
  },
};

function r(metric: string, value: number, unit: string, target?: string, pass?: boolean): BenchResult {
  return { bench: "mcp-load", metric, value, unit, ...(target ? { target, pass } : {}) };
}

function loadResults(load: Awaited<ReturnType<typeof runLoad>>): BenchResult[] {
  const n = (o: string) => load.records.filter((x) => x.outcome === o).length;
  const ms = load.records.map((x) => x.ms);
  const transport = n("transport_error") + load.connectErrors;
  const maxMs = Math.max(...ms);
  const listP95 = percentile(load.listMs, 95);
  return [
    r("requests", load.records.length, "calls"),
    r("requests per second", load.records.length / load.seconds, "req/s"),
    r("answered with a result (200)", n("result"), "calls"),
    r("answered with a tool error (200, isError)", n("tool_error"), "calls"),
    r("answered 503 + Retry-After", n("busy"), "calls"),
    r("transport errors", transport, "calls", "0", transport === 0),
    r("answer latency p50", percentile(ms, 50), "ms"),
    r("answer latency p95", percentile(ms, 95), "ms"),
    r("answer latency max", maxMs, "ms", "< 10000", maxMs < 10_000),
    r(
      "result latency p95 (200 only)",
      percentile(
        load.records.filter((x) => x.outcome === "result").map((x) => x.ms),
        95,
      ),
      "ms",
    ),
    r("tools/list probes", load.listMs.length, "calls"),
    r("tools/list p95", listP95, "ms", "< 500", listP95 < 500),
    r("tools/list max", Math.max(...load.listMs), "ms"),
  ];
}
