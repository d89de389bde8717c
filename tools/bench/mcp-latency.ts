import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { runDemo } from "../../src/demo/run.js";
import { openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { seedCostRows } from "./seed-cost-rows.js";
import type { Bench, BenchResult } from "./types.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LAST_DAY = "2026-11-25";
const CALLS = 40;
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeCalls(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

function results(metric: string, ms: number[], target?: number): BenchResult[] {
  const p95 = percentile(ms, 95);
  return [
    { bench: "mcp-latency", metric: `${metric} p50`, value: percentile(ms, 50), unit: "ms" },
    {
      bench: "mcp-latency",
      metric: `${metric} p95`,
      value: p95,
      unit: "ms",
      ...(target ? { target: `< ${target} ms`, pass: p95 < target } : {}),
    },
  ];
}

async function connect(dbPath: string, now: string): Promise<Client> {
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, "dist", "cli.js"), "mcp"],
      env: { ...process.env, BEDROCK_SPEND_DB: dbPath, BEDROCK_SPEND_NOW: now },
      stderr: "inherit",
    }),
  );
  return client;
}

const DEMO_TOOLS = ["get_savings_opportunities"];

/** The tools whose answers depend on the demo's richer store (CUR with PTs, metrics, inventory). */
async function onDemoStore(dir: string): Promise<BenchResult[]> {
  const dbPath = join(dir, "demo.db");
  const now = `${LAST_DAY}T12:00:00Z`;
  await runDemo({ dbPath, now: new Date(now), log: silentLogger });
  console.error(`mcp-latency: demo store in ${dbPath}`);
  const client = await connect(dbPath, now);
  try {
    const out: BenchResult[] = [];
    for (const name of DEMO_TOOLS) {
      const call = async () => {
        const r = await client.callTool({ name, arguments: {} });
        if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
      };
      out.push(...results(`${name} (demo store)`, await timeCalls(call), 100));
    }
    return out;
  } finally {
    await client.close();
  }
}

/**
 * Tool-call latency over stdio against the built server (`node dist/cli.js mcp`) on a store of
 * 90 days × 3 accounts × 10 models. Every registered offline tool is called with its defaults
 * (this month up to the pinned "now"); open-world tools would call AWS and are left out. The
 * savings tool is timed again on the demo store, whose CUR, metrics and inventory exercise every kind.
 */
export const mcpLatencyBench: Bench = {
  name: "mcp-latency",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-bench-"));
    const dbPath = join(dir, "store.db");
    const db = await openDb(dbPath);
    const rows = await seedCostRows(db, { lastDay: LAST_DAY, days: 90 });
    await db.destroy();
    console.error(`mcp-latency: ${rows} cost rows in ${dbPath}`);
    const client = await connect(dbPath, `${LAST_DAY}T12:00:00Z`);
    try {
      const out: BenchResult[] = [];
      const { tools } = await client.listTools();
      // A raw request: Client.listTools() also compiles an ajv validator per output schema,
      // which is client work, not server latency.
      const list = () => client.request({ method: "tools/list" }, ListToolsResultSchema);
      out.push(...results("tools/list", await timeCalls(list)));
      for (const tool of tools.filter((t) => !t.annotations?.openWorldHint)) {
        const call = async () => {
          const r = await client.callTool({ name: tool.name, arguments: {} });
          if (r.isError) throw new Error(`${tool.name} failed: ${JSON.stringify(r.content)}`);
        };
        out.push(...results(tool.name, await timeCalls(call), 100));
      }
      const offline = tools.filter((t) => !t.annotations?.openWorldHint).length;
      out.push({ bench: "mcp-latency", metric: "offline tools called", value: offline, unit: "tools" });
      await client.close();
      out.push(...(await onDemoStore(dir)));
      return out;
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
