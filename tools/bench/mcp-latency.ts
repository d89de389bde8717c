import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { registry } from "../../src/capabilities/index.js";
import type { Deps } from "../../src/capabilities/types.js";
import { demoConfig } from "../../src/demo/config.js";
import { openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { highCardStore } from "./cur-store.js";
import { DEMO_NOW, demoStore } from "./demo-store.js";
import { type ArgsFor, toolArgs } from "./tool-args.js";
import type { Bench, BenchResult } from "./types.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CALLS = 40;
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Times CALLS calls after WARMUP ones; call i gets its own index (its own arguments). `first`
 * receives the very first call's time: what a question pays right after start or new data.
 */
async function timeCalls(
  fn: (i: number) => Promise<unknown>,
  clock: () => number,
  first?: (ms: number) => void,
): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) {
    const t = clock();
    await fn(i);
    if (i === 0) first?.(clock() - t);
  }
  const ms: number[] = [];
  for (let i = WARMUP; i < WARMUP + CALLS; i++) {
    const t = clock();
    await fn(i);
    ms.push(clock() - t);
  }
  return ms.sort((a, b) => a - b);
}

const wall = () => performance.now();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function results(bench: string, metric: string, ms: number[], target?: number): BenchResult[] {
  const p95 = percentile(ms, 95);
  return [
    { bench, metric: `${metric} p50`, value: percentile(ms, 50), unit: "ms" },
    {
      bench,
      metric: `${metric} p95`,
      value: p95,
      unit: "ms",
      ...(target ? { target: `< ${target} ms`, pass: p95 < target } : {}),
    },
  ];
}

interface Target {
  dbPath: string;
  now: string;
  configPath?: string;
  /** Distinct arguments per call from this last day backwards; absent: every call with defaults. */
  lastDay?: string;
}

/** Latency of every offline tool over stdio against the built server (`node dist/cli.js mcp`). */
async function stdioLatencies(bench: string, t: Target): Promise<BenchResult[]> {
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, "dist", "cli.js"), "mcp"],
      env: {
        ...process.env,
        BEDROCK_SPEND_DB: t.dbPath,
        BEDROCK_SPEND_NOW: t.now,
        ...(t.configPath ? { BEDROCK_SPEND_CONFIG: t.configPath } : {}),
      },
      stderr: "inherit",
    }),
  );
  try {
    const out: BenchResult[] = [];
    const { tools } = await client.listTools();
    // A raw request: Client.listTools() also compiles an ajv validator per output schema,
    // which is client work, not server latency.
    const list = () => client.request({ method: "tools/list" }, ListToolsResultSchema);
    out.push(...results(bench, "tools/list", await timeCalls(list, wall)));
    for (const tool of tools.filter((x) => !x.annotations?.openWorldHint)) {
      const plan = t.lastDay
        ? toolArgs(tool.name, tool.inputSchema.properties ?? {}, t.lastDay)
        : { argsFor: () => ({}), distinct: false };
      const call = async (i: number) => {
        const r = await client.callTool({ name: tool.name, arguments: plan.argsFor(i) });
        if (r.isError) throw new Error(`${tool.name} failed: ${JSON.stringify(r.content)}`);
      };
      const label = `${tool.name}${plan.distinct ? "" : " (same args)"}`;
      let firstMs = 0;
      out.push(...results(bench, label, await timeCalls(call, wall, (ms) => (firstMs = ms)), 100));
      // Reported beside the p95: the first question computes the inputs later ones share.
      if (tool.name === "detect_anomalies")
        out.push({ bench, metric: `${label} first call`, value: firstMs, unit: "ms" });
    }
    const offline = tools.filter((x) => !x.annotations?.openWorldHint).length;
    out.push({ bench, metric: "offline tools called", value: offline, unit: "tools" });
    return out;
  } finally {
    await client.close();
  }
}

/** CPU time of the same calls in this process (capability.run, no transport): the work itself. */
async function cpuLatencies(bench: string, t: Target & { lastDay: string }): Promise<BenchResult[]> {
  const db = await openDb(t.dbPath);
  const deps: Deps = { db, config: demoConfig(), now: () => new Date(t.now), log: silentLogger };
  try {
    const out: BenchResult[] = [];
    for (const cap of Object.values(registry)) {
      if (cap.openWorld) continue;
      const shape = (cap.inputSchema as unknown as { shape: Record<string, unknown> }).shape;
      const { argsFor }: { argsFor: ArgsFor } = toolArgs(cap.name, shape, t.lastDay);
      // biome-ignore lint/suspicious/noExplicitAny: each capability parses its own input
      const run = (i: number) => (cap as any).run(deps, cap.inputSchema.parse(argsFor(i)));
      out.push(...results(bench, `${cap.name} in-process CPU`, await timeCalls(run, cpu)));
    }
    return out;
  } finally {
    await db.destroy();
  }
}

/**
 * Tool-call latency on the demo store (`runDemo` at 2026-11-26T12:00Z: 30 billed days, CloudWatch
 * hours, invocation logs, estimates, the on-call scenario) with the demo config (accounts,
 * budgets): every offline tool over stdio against the built server, each call with its own
 * arguments (tool-args.ts), then the same calls in process, in CPU time. Open-world tools would
 * call AWS and are left out.
 */
export const mcpLatencyBench: Bench = {
  name: "mcp-latency",
  async run() {
    const store = await demoStore();
    try {
      const configPath = join(store.dir, "config.json");
      writeFileSync(configPath, JSON.stringify(demoConfig()));
      const target = { dbPath: store.dbPath, now: DEMO_NOW, configPath, lastDay: DEMO_NOW.slice(0, 10) };
      return [
        ...(await stdioLatencies("mcp-latency", target)),
        ...(await cpuLatencies("mcp-latency", target)),
      ];
    } finally {
      rmSync(store.dir, { recursive: true, force: true });
    }
  },
};

/** The same over stdio (defaults only) on the store ingest-cur filled from 13 months of the high-cardinality export. */
export const mcpLatencyHcBench: Bench = {
  name: "mcp-latency-hc",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-bench-"));
    try {
      const { path } = await highCardStore(join(dir, "store.db"));
      return await stdioLatencies("mcp-latency-hc", { dbPath: path, now: "2026-11-30T12:00:00Z" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
