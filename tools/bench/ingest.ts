import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { type BenchExport, EXPORTS, type ExportSpec, ensureExport } from "./cur-exports.js";
import { type BenchPostgres, benchPostgres } from "./postgres.js";
import { loadAverage, type ProcessRun, timedProcess } from "./processes.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * CUR ingest at any cardinality. For each export, in the same run: the whole `ingest-cur` process
 * (built CLI, fresh store) against a bare DuckDB aggregate of the same files grouped on the same
 * keys (bare-aggregate.mjs, also a whole process). Exports: the low-cardinality 2M-line export
 * and the high-cardinality 2M and 8M ones (BENCH_INGEST=low2m,high2m to pick; 8M costs minutes).
 * The same process again on PostgreSQL (see postgres.ts), fresh database, when a server is there.
 */
const TARGET_RATIO = 3;
/** PostgreSQL's ingest within 2× of SQLite's (issue 13). */
const PG_TARGET_RATIO = 2;

interface Measured {
  spec: ExportSpec;
  exp: BenchExport;
  cli: ProcessRun;
  bare: ProcessRun;
  costRows: number;
  pg?: { run: ProcessRun; costRows: number };
}

function runCli(exportDir: string): { run: ProcessRun; costRows: number } {
  const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  try {
    const db = join(dir, "b.db");
    const run = timedProcess(["dist/cli.js", "ingest-cur", exportDir, "--db", db], {
      BEDROCK_SPEND_LOG: "warn",
    });
    const sqlite = new SQLite(db, { readonly: true });
    const costRows = sqlite.prepare("SELECT count(*) FROM cost_daily").pluck().get() as number;
    sqlite.close();
    return { run, costRows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `ingest-cur` into a fresh, migrated PostgreSQL database (migration not timed). */
async function runPg(
  server: BenchPostgres,
  exportDir: string,
): Promise<{ run: ProcessRun; costRows: number }> {
  const name = `bench_ingest_${process.pid}`;
  const url = await server.createDb(name);
  try {
    timedProcess(["dist/cli.js", "migrate", "--db", url]);
    const run = timedProcess(["dist/cli.js", "ingest-cur", exportDir, "--db", url], {
      BEDROCK_SPEND_LOG: "warn",
    });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query<{ n: string }>("SELECT count(*) AS n FROM cost_daily");
    await c.end();
    return { run, costRows: Number(r.rows[0]?.n) };
  } finally {
    await server.dropDb(name);
  }
}

async function measure(spec: ExportSpec, server: BenchPostgres | null): Promise<Measured> {
  const exp = await ensureExport(spec);
  const bare = timedProcess(["tools/bench/bare-aggregate.mjs", exp.exportDir]);
  const { run: cli, costRows } = runCli(exp.exportDir);
  const pgRun = server ? await runPg(server, exp.exportDir) : undefined;
  return { spec, exp, cli, bare, costRows, pg: pgRun };
}

function pgResults(
  m: Measured,
  b: (metric: string, value: number, unit: string, target?: string, pass?: boolean) => BenchResult,
): BenchResult[] {
  if (!m.pg) return [];
  const ratio = m.pg.run.seconds / m.cli.seconds;
  return [
    b("PostgreSQL: stored cost rows", m.pg.costRows, "rows", `= ${m.costRows}`, m.pg.costRows === m.costRows),
    b("PostgreSQL: ingest-cur wall", m.pg.run.seconds, "s"),
    b("PostgreSQL: ingest-cur CPU (client process)", m.pg.run.cpuSeconds, "s"),
    b("PostgreSQL: ingest-cur peak RSS", m.pg.run.rssMb, "MB"),
    b("ratio wall, PostgreSQL / SQLite", ratio, "x", `<= ${PG_TARGET_RATIO}`, ratio <= PG_TARGET_RATIO),
  ];
}

function results(m: Measured, load: number): BenchResult[] {
  const b = (metric: string, value: number, unit: string, target?: string, pass?: boolean): BenchResult => ({
    bench: "ingest",
    metric: `${m.spec.name}: ${metric}`,
    value,
    unit,
    ...(target ? { target, pass } : {}),
  });
  const perSec = m.exp.lines / m.cli.seconds;
  const ratio = m.cli.seconds / m.bare.seconds;
  const high = m.spec.cardinality === "high";
  return [
    b("lines", m.exp.lines, "lines"),
    b("Bedrock lines", m.exp.bedrockLines, "lines"),
    b("stored cost rows (daily keys)", m.costRows, "rows"),
    b("load average at start", load, ""),
    b("ingest-cur wall", m.cli.seconds, "s"),
    b("ingest-cur CPU (all threads)", m.cli.cpuSeconds, "s"),
    // The machine may be shared: lines per CPU-second shows the work independent of contention.
    b("lines per CPU-second", m.exp.lines / m.cli.cpuSeconds, "lines/s"),
    b("ingest-cur peak RSS", m.cli.rssMb, "MB"),
    high
      ? b("throughput", perSec, "lines/s")
      : b("throughput", perSec, "lines/s", ">= 1,000,000", perSec >= 1e6),
    b("bare DuckDB aggregate wall", m.bare.seconds, "s"),
    b("bare DuckDB aggregate CPU", m.bare.cpuSeconds, "s"),
    b("bare DuckDB aggregate peak RSS", m.bare.rssMb, "MB"),
    high
      ? b("ratio wall, ingest / bare", ratio, "x", `<= ${TARGET_RATIO}`, ratio <= TARGET_RATIO)
      : b("ratio wall, ingest / bare", ratio, "x"),
    b("ratio CPU, ingest / bare", m.cli.cpuSeconds / m.bare.cpuSeconds, "x"),
    ...pgResults(m, b),
  ];
}

export const ingestBench: Bench = {
  name: "ingest",
  async run(): Promise<BenchResult[]> {
    if (!existsSync("dist/cli.js"))
      throw new Error("run `npm run build` first (the bench spawns dist/cli.js)");
    const pick = (process.env.BENCH_INGEST ?? "low2m,high2m,high8m").split(",");
    const out: BenchResult[] = [];
    const done: Record<string, Measured> = {};
    const server = await benchPostgres();
    if (!server)
      console.error("bench ingest: no PostgreSQL (set BENCH_PG or install postgresql): SQLite only");
    try {
      for (const key of pick) {
        const spec = EXPORTS[key as keyof typeof EXPORTS];
        if (!spec)
          throw new Error(`BENCH_INGEST: unknown export ${key} (${Object.keys(EXPORTS).join(", ")})`);
        const load = loadAverage();
        done[key] = await measure(spec, server);
        out.push(...results(done[key], load));
      }
    } finally {
      await server?.stop();
    }
    const [m2, m8] = [done.high2m, done.high8m];
    if (m8) {
      out.push({
        bench: "ingest",
        metric: "8M: peak RSS",
        value: m8.cli.rssMb,
        unit: "MB",
        target: "<= 1024",
        pass: m8.cli.rssMb <= 1024,
      });
    }
    if (m2 && m8) {
      const growth = (m8.cli.rssMb / m2.cli.rssMb - 1) * 100;
      out.push({
        bench: "ingest",
        metric: "peak RSS growth 2M → 8M",
        value: growth,
        unit: "%",
        target: "<= 25",
        pass: growth <= 25,
      });
    }
    return out;
  },
};
