import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../../errors.js";
import { DUCK_MEMORY } from "./duck.js";
import { ingestPeriod } from "./ingest-period.js";
import type { IngestDeps, IngestOptions, IngestSummary, PeriodSummary } from "./ingest-types.js";
import { manifestKeys, planPeriods } from "./layout.js";
import { type CurSource, localSource } from "./source.js";

export type { IngestDeps, IngestOptions, IngestSummary, PeriodSummary } from "./ingest-types.js";

export async function openCurSource(location: string, opts: IngestOptions = {}): Promise<CurSource> {
  if (location.startsWith("s3://")) {
    // Every AWS client comes from src/aws (read-only guard, endpoints, retries): callers pass one.
    if (!opts.s3) throw new AppError(`reading ${location} needs an S3 client built by src/aws`);
    // The S3 SDK takes ~0.15 s to load: a local folder never loads it.
    const { s3Source } = await import("./s3-source.js");
    return s3Source(location, opts.s3);
  }
  return localSource(location);
}

async function loadManifests(source: CurSource, keys: Map<string, string>, warnings: string[]) {
  const out = new Map<string, unknown>();
  for (const [period, key] of keys) {
    try {
      out.set(period, JSON.parse(await source.readText(key)));
    } catch (err) {
      warnings.push(
        `${key}: manifest unreadable (${(err as Error).message.split("\n")[0]}); listing the folder instead`,
      );
    }
  }
  return out;
}

/**
 * Ingests every billing period of a CUR 2.0 export (local folder or `s3://bucket/prefix`). Each
 * period is read with DuckDB, reduced to daily Bedrock rows and replaced in one transaction; a bad
 * period is reported and leaves its previous data in place while the others still ingest.
 */
export async function ingestCur(
  deps: IngestDeps,
  location: string,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  const source = await openCurSource(location, opts);
  const files = await source.list();
  const warnings: string[] = [];
  const manifests = await loadManifests(source, manifestKeys(files), warnings);
  const all = planPeriods(files, manifests);
  const plans = all.filter((p) => !opts.periods || opts.periods.includes(p.period));
  if (all.length && !plans.length)
    throw new AppError(
      `billing period ${opts.periods?.join(", ")} not found under ${location}`,
      `periods present: ${all.map((p) => p.period).join(", ")}`,
    );
  if (!plans.length)
    throw new AppError(
      `no CUR data files under ${location}`,
      "point at the export folder that holds data/BILLING_PERIOD=YYYY-MM/ (Parquet or CSV.gz)",
    );
  const tempDir = mkdtempSync(join(tmpdir(), "bedrock-spend-duckdb-"));
  // Loaded on demand (a large native library other commands never need). Bounded (duck.ts).
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: (opts.duckMemory ?? DUCK_MEMORY).limit,
    temp_directory: tempDir,
    // Every sum is exact (DECIMAL, reader-sql.ts exactSum) and every lookup numbered in sorted
    // order, so the scans may run on all cores and re-ingesting the same files still gives
    // bit-identical rows and totals.
    preserve_insertion_order: "false",
  });
  const con = await instance.connect();
  await con.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
  const periods: PeriodSummary[] = [];
  try {
    for (const plan of plans) {
      const s = await ingestPeriod(deps, con, source, plan, opts);
      periods.push(s);
      const tail = s.status === "failed" ? `FAILED: ${s.error}` : s.status;
      deps.log.debug(`${plan.period}: ${tail}`);
    }
  } finally {
    opts.progress?.done();
    con.closeSync();
    instance.closeSync();
    rmSync(tempDir, { recursive: true, force: true });
    await source.release();
  }
  const sum = (f: (p: PeriodSummary) => number) => periods.reduce((s, p) => s + f(p), 0);
  return {
    source: location,
    periods,
    ok: periods.filter((p) => p.status === "ok").length,
    unchanged: periods.filter((p) => p.status === "unchanged").length,
    failed: periods.filter((p) => p.status === "failed").length,
    rowsRead: sum((p) => p.rowsRead),
    bedrockRows: sum((p) => p.bedrockRows),
    skippedRows: sum((p) => p.skippedRows),
    costUsd: sum((p) => p.costUsd),
    warnings: [...warnings, ...periods.flatMap((p) => p.warnings)],
    seconds: (performance.now() - t0) / 1000,
  };
}
