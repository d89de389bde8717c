import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { openDb } from "../../src/store/db.js";
import { highCardStore } from "./cur-store.js";
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

/** Latency of every offline tool called with its defaults over stdio against the built server. */
async function toolLatencies(bench: string, dbPath: string, now: string): Promise<BenchResult[]> {
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, "dist", "cli.js"), "mcp"],
      env: { ...process.env, BEDROCK_SPEND_DB: dbPath, BEDROCK_SPEND_NOW: now },
      stderr: "inherit",
    }),
  );
  try {
    const out: BenchResult[] = [];
    const { tools } = await client.listTools();
    // A raw request: Client.listTools() also compiles an ajv validator per output schema,
    // which is client work, not server latency.
    const list = () => client.request({ method: "tools/list" }, ListToolsResultSchema);
    out.push(...results(bench, "tools/list", await timeCalls(list)));
    for (const tool of tools.filter((t) => !t.annotations?.openWorldHint)) {
      const call = async () => {
        const r = await client.callTool({ name: tool.name, arguments: {} });
        if (r.isError) throw new Error(`${tool.name} failed: ${JSON.stringify(r.content)}`);
      };
      out.push(...results(bench, tool.name, await timeCalls(call), 100));
    }
    const offline = tools.filter((t) => !t.annotations?.openWorldHint).length;
    out.push({ bench, metric: "offline tools called", value: offline, unit: "tools" });
    return out;
  } finally {
    await client.close();
  }
}

/**
 * Tool-call latency over stdio against the built server (`node dist/cli.js mcp`) on a store of
 * 90 days × 3 accounts × 10 models. Every registered offline tool is called with its defaults
 * (this month up to the pinned "now"); open-world tools would call AWS and are left out.
 */
export const mcpLatencyBench: Bench = {
  name: "mcp-latency",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-bench-"));
    const dbPath = join(dir, "store.db");
    try {
      const db = await openDb(dbPath);
      const rows = await seedCostRows(db, { lastDay: LAST_DAY, days: 90 });
      await db.destroy();
      console.error(`mcp-latency: ${rows} cost rows in ${dbPath}`);
      return await toolLatencies("mcp-latency", dbPath, `${LAST_DAY}T12:00:00Z`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The same on the store ingest-cur filled from 13 months of the high-cardinality export. */
export const mcpLatencyHcBench: Bench = {
  name: "mcp-latency-hc",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-bench-"));
    try {
      const { path } = await highCardStore(join(dir, "store.db"));
      return await toolLatencies("mcp-latency-hc", path, "2026-11-30T12:00:00Z");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
