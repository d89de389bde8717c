import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { parseConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { silentLogger } from "../../src/util/log.js";
import { fillSpendData } from "./spend-data.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * `report spend` on a large store: 13 months × 50 accounts × 30 models × 3 token types of daily
 * CUR rows (~1.8M) plus two estimated days. Measures the capability's run() (what MCP, Slack and
 * the CLI call) for typical questions; target p95 < 50 ms. Also reports the one-off costs: filling
 * the store (inside SQLite) and building the rollup after a full 13-month ingest.
 */
const NOW = "2026-11-26T12:00:00Z";
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const QUERIES: [string, Record<string, unknown>][] = [
  ["by model, this month", { groupBy: ["model"] }],
  ["by account,day, 13 months", { from: "2025-10-28", to: "2026-11-26", groupBy: ["account", "day"] }],
  ["by tag:team, this month", { groupBy: ["tag:team"] }],
  ["by tag:team, 13 months", { from: "2025-10-28", to: "2026-11-26", groupBy: ["tag:team"] }],
  // Filters and two dimensions need the raw rows: the slow path, shown for honesty.
  ["by model,account, last 7 days", { from: "2026-11-20", to: "2026-11-26", groupBy: ["model", "account"] }],
  ["by model, this month, one account", { groupBy: ["model"], filters: { account: ["100000000007"] } }],
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const reportSpendBench: Bench = {
  name: "report-spend",
  async run(): Promise<BenchResult[]> {
    const path = join(tmpdir(), `bedrock-spend-bench-${process.pid}.db`);
    const out: BenchResult[] = [];
    const r = (metric: string, value: number, unit: string, target?: number) =>
      out.push({
        bench: "report-spend",
        metric,
        value,
        unit,
        ...(target ? { target: `< ${target}`, pass: value < target } : {}),
      });
    rmSync(path, { force: true });
    const db = await openDb(path);
    try {
      let t = performance.now();
      const { billedRows } = await fillSpendData(db, {
        lastDay: "2026-11-26",
        days: 395,
        accounts: 50,
        models: 30,
      });
      r("fill store (billed rows)", billedRows, "rows");
      r("fill store", (performance.now() - t) / 1000, "s");
      t = performance.now();
      const cpu0 = process.cpuUsage();
      await refreshSpendRollup(db);
      r("rollup build after full ingest", (performance.now() - t) / 1000, "s");
      const used = process.cpuUsage(cpu0);
      r("rollup build after full ingest, cpu", (used.user + used.system) / 1e6, "s");
      const deps = { db, config: parseConfig({}), now: () => new Date(NOW), log: silentLogger };
      for (const [name, raw] of QUERIES) {
        const input = getSpendByModel.inputSchema.parse(raw);
        const wall: number[] = [];
        const cpu: number[] = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const start = performance.now();
          const cpu0 = process.cpuUsage();
          await getSpendByModel.run(deps, input);
          if (i < 2) continue; // two warm-up runs
          wall.push(performance.now() - start);
          const used = process.cpuUsage(cpu0);
          cpu.push((used.user + used.system) / 1000);
        }
        wall.sort((a, b) => a - b);
        cpu.sort((a, b) => a - b);
        r(`${name} p50`, pct(wall, 50), "ms");
        r(`${name} p95`, pct(wall, 95), "ms", 50);
        // CPU time: what the query costs when the machine is shared and wall time is noisy.
        r(`${name} cpu p95`, pct(cpu, 95), "ms");
      }
    } finally {
      await db.destroy();
      for (const ext of ["", "-wal", "-shm"]) rmSync(path + ext, { force: true });
    }
    return out;
  },
};
