import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * CUR ingestion at scale: a 2,000,000-line Parquet export (~10% Bedrock), generated once into
 * .bench/, ingested by the built CLI in a child process (wall time and peak RSS from
 * /usr/bin/time -v), against a bare DuckDB aggregate of the same files for the ratio.
 */
const LINES = 2_000_000;
const NOW = new Date("2026-11-30T12:00:00Z");
const DIR = resolve(".bench/cur-2m");

async function ensureExport(): Promise<{ exportDir: string; lines: number }> {
  const marker = join(DIR, "truth.json");
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, "utf8"));
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const t0 = performance.now();
  const gen = await generateCurExport({
    root: DIR,
    now: NOW,
    months: 1,
    scale: LINES,
    rowsPerChunk: 500_000,
  });
  console.error(`generated ${gen.truth.lines} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const out = { exportDir: gen.exportDir, lines: gen.truth.lines, bedrockLines: gen.truth.bedrockLines };
  writeFileSync(marker, JSON.stringify(out));
  return out;
}

function runCli(exportDir: string): { seconds: number; rssMb: number; cpuSeconds: number } {
  const dbDir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  try {
    const t0 = performance.now();
    const r = spawnSync(
      "/usr/bin/time",
      ["-v", process.execPath, "dist/cli.js", "ingest-cur", exportDir, "--db", join(dbDir, "b.db")],
      {
        encoding: "utf8",
        env: { ...process.env, BEDROCK_SPEND_LOG: "warn" },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`ingest-cur exited ${r.status}: ${r.stderr}`);
    const field = (label: string) =>
      Number(new RegExp(`${label}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? Number.NaN);
    const cpuSeconds = field("User time \\(seconds\\)") + field("System time \\(seconds\\)");
    return { seconds, rssMb: field("Maximum resident set size \\(kbytes\\)") / 1024, cpuSeconds };
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
}

async function bareDuckDb(exportDir: string): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  const t0 = performance.now();
  await con.runAndReadAll(
    `SELECT line_item_usage_type, sum(line_item_unblended_cost) FROM read_parquet('${exportDir}/data/**/*.parquet') GROUP BY 1`,
  );
  const seconds = (performance.now() - t0) / 1000;
  con.closeSync();
  instance.closeSync();
  return seconds;
}

export const ingestBench: Bench = {
  name: "ingest",
  async run(): Promise<BenchResult[]> {
    if (!existsSync("dist/cli.js"))
      throw new Error("run `npm run build` first (the bench spawns dist/cli.js)");
    const { exportDir, lines } = await ensureExport();
    const cli = runCli(exportDir);
    const bare = await bareDuckDb(exportDir);
    const perSec = lines / cli.seconds;
    return [
      { bench: "ingest", metric: "lines", value: lines, unit: "lines" },
      { bench: "ingest", metric: "wall (whole CLI process)", value: cli.seconds, unit: "s" },
      {
        bench: "ingest",
        metric: "throughput",
        value: perSec,
        unit: "lines/s",
        target: ">= 1,000,000",
        pass: perSec >= 1_000_000,
      },
      // The machine may be shared: CPU time shows the work independent of contention.
      { bench: "ingest", metric: "CPU user+sys (all threads)", value: cli.cpuSeconds, unit: "s" },
      { bench: "ingest", metric: "lines per CPU-second", value: lines / cli.cpuSeconds, unit: "lines/s" },
      {
        bench: "ingest",
        metric: "peak RSS",
        value: cli.rssMb,
        unit: "MB",
        target: "< 1024",
        pass: cli.rssMb < 1024,
      },
      { bench: "ingest", metric: "bare DuckDB group-by", value: bare, unit: "s" },
      { bench: "ingest", metric: "ratio CLI / bare DuckDB", value: cli.seconds / bare, unit: "x" },
    ];
  },
};
