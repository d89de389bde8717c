import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, migrateDb, openDb } from "../../src/store/db.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { benchPostgres } from "./postgres.js";
import { loadAverage } from "./processes.js";
import { fillSpendData } from "./spend-data.js";
import { type SpendQuestion, spendLatencies } from "./spend-latency.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * `report spend` on a large store: 13 months × 50 accounts × 30 models × 3 token types of daily
 * CUR rows (~1.8M) plus two estimated days. Measures the capability's run() (what MCP, Slack and
 * the CLI call) for typical questions; target p95 < 50 ms. Also reports the one-off costs: filling
 * the store (inside SQLite) and building the rollup after a full 13-month ingest.
 */
const NOW = "2026-11-26T12:00:00Z";
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const QUERIES: SpendQuestion[] = [
  { name: "by model, this month", input: { groupBy: ["model"] }, target: 50 },
  {
    name: "by account,day, 13 months",
    input: { from: "2025-10-28", to: "2026-11-26", groupBy: ["account", "day"] },
    target: 50,
  },
  { name: "by tag:team, this month", input: { groupBy: ["tag:team"] }, target: 50 },
  {
    name: "by tag:team, 13 months",
    input: { from: "2025-10-28", to: "2026-11-26", groupBy: ["tag:team"] },
    target: 50,
  },
  // Filters and two dimensions need the raw rows: the slow path, shown for honesty.
  {
    name: "by model,account, last 7 days",
    input: { from: "2026-11-20", to: "2026-11-26", groupBy: ["model", "account"] },
    target: 50,
  },
  {
    name: "by model, this month, one account",
    input: { groupBy: ["model"], filters: { account: ["100000000007"] } },
    target: 50,
  },
];

/** Fills `db`, builds the rollup, times the questions; metric names start with `prefix`. */
async function measureStore(db: Db, prefix: string, target: number): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const r = (metric: string, value: number, unit: string) =>
    out.push({ bench: "report-spend", metric: prefix + metric, value, unit });
  r("load average at start", loadAverage(), "");
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
  r("rollup build after full ingest, cpu (client)", (used.user + used.system) / 1e6, "s");
  const questions = QUERIES.map((q) => ({ ...q, name: prefix + q.name, target }));
  out.push(...(await spendLatencies("report-spend", db, NOW, questions, RUNS)));
  return out;
}

/** PostgreSQL's spend queries: p95 < 100 ms (issue 13). */
const PG_TARGET_MS = 100;

export const reportSpendBench: Bench = {
  name: "report-spend",
  async run(): Promise<BenchResult[]> {
    const path = join(tmpdir(), `bedrock-spend-bench-${process.pid}.db`);
    const out: BenchResult[] = [];
    rmSync(path, { force: true });
    const db = await openDb(path);
    try {
      out.push(...(await measureStore(db, "", 50)));
    } finally {
      await db.destroy();
      for (const ext of ["", "-wal", "-shm"]) rmSync(path + ext, { force: true });
    }
    const server = await benchPostgres();
    if (!server) {
      console.error("bench report-spend: no PostgreSQL (set BENCH_PG or install postgresql): SQLite only");
      return out;
    }
    const name = `bench_spend_${process.pid}`;
    try {
      const url = await server.createDb(name);
      await (await migrateDb(url)).db.destroy();
      const pgDb = await openDb(url);
      try {
        out.push(...(await measureStore(pgDb, "PostgreSQL: ", PG_TARGET_MS)));
      } finally {
        await pgDb.destroy();
      }
    } finally {
      await server.dropDb(name).catch(() => {});
      await server.stop();
    }
    return out;
  },
};
