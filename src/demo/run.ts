import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AwsAccess, createAwsAccess } from "../aws/access.js";
import { curIngester } from "../collect/cur-unit.js";
import { type CollectSummary, runCollection } from "../collect/run.js";
import type { UnitOutcome } from "../collect/run-types.js";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import type { SandboxFaults } from "../sandbox/faults.js";
import { type Sandbox, startSandbox } from "../sandbox/server.js";
import { type Db, openDb } from "../store/db.js";
import { generateCurExport } from "../synthetic/cur-generator.js";
import { DEMO_METRICS_DENIED } from "../synthetic/scenario.js";
import type { Logger } from "../util/log.js";
import { DEMO_CUR, demoConfig } from "./config.js";
import { type DemoOutputs, gatherOutputs } from "./outputs.js";

/** The demo's own store: never the default database (docs/architecture.md §6), recreated on every run. */

export interface DemoOptions {
  dbPath: string;
  now: Date;
  log: Logger;
  /** Faults for the sandbox to inject (tests of the failure path). */
  faults?: SandboxFaults;
  /** Called once the sandbox listens (tests check it is closed again afterwards). */
  onSandbox?: (sb: Sandbox) => void;
}

export interface DemoResult {
  now: string;
  dbPath: string;
  collection: Omit<CollectSummary, "runId">;
  outputs: DemoOutputs;
  /** Wall-clock milliseconds per phase (stderr only: they differ from run to run). */
  timings: Record<string, number>;
}

/** Removes the store and its WAL/SHM side files so every demo run starts from nothing. */
async function freshDb(path: string): Promise<Db> {
  try {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
    return await openDb(path);
  } catch (err) {
    throw new AppError(
      `cannot create the demo store ${path}: ${(err as Error).message}`,
      "run the demo from a folder where ./data/ can be created (the demo never uses --db or the default store)",
      { cause: err },
    );
  }
}

/** Writes the CUR export (previous + current month, Parquet) where the sandbox serves it as S3. */
async function writeCurExport(dataDir: string, now: Date, log: Logger): Promise<void> {
  const gen = await generateCurExport({
    root: join(dataDir, DEMO_CUR.bucket, DEMO_CUR.prefix),
    exportName: DEMO_CUR.exportName,
    s3Base: `s3://${DEMO_CUR.bucket}/${DEMO_CUR.prefix}`,
    now,
    months: 2,
    format: "parquet",
  });
  log.info(`demo: CUR 2.0 export ${gen.periods.join(", ")} (${gen.truth.lines} lines) written`);
}

/** The on-call scenario's planted gap: the metrics unit of the account whose role lacks GetMetricData. */
export const isPlantedGap = (u: UnitOutcome) =>
  u.source === "metrics" &&
  u.account === DEMO_METRICS_DENIED.account &&
  /denied/i.test(u.error?.name ?? "") &&
  (u.error?.message ?? "").includes(DEMO_METRICS_DENIED.action);

async function collect(db: Db, config: Config, aws: AwsAccess, o: DemoOptions) {
  const now = () => new Date(o.now.getTime());
  const ingestCur = curIngester({ db, log: o.log, now, aws });
  const summary = await runCollection({ db, config, now, log: o.log, aws, ingestCur });
  const failed = summary.units.filter((u) => u.status === "failed" && !isPlantedGap(u));
  if (failed.length) {
    const u = failed[0];
    throw new AppError(
      `demo collection failed for ${failed.length} unit(s), first ${u.source} ${u.account ?? ""}/${u.region ?? ""}: ${u.error ? `${u.error.name}: ${u.error.message}` : "unknown error"}`,
      "this is a bug in the demo org or the sandbox; run with BEDROCK_SPEND_LOG=debug and report it",
    );
  }
  const { runId: _runId, ...rest } = summary;
  return rest;
}

async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

/**
 * The whole demo, offline: demo config → CUR export in the sandbox's S3 → sandbox (with the
 * on-call scenario, src/synthetic/scenario.ts) → one full collection through the real SDK (the sandbox env is passed explicitly; process.env, and so the
 * user's real AWS setup, is never read or changed) → every answer the demo shows. The sandbox, the
 * AWS clients, the temp folder and the store are closed even when a step fails.
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const timings: Record<string, number> = {};
  const config = demoConfig();
  const dataDir = mkdtempSync(join(tmpdir(), "bedrock-spend-demo-"));
  let db: Db | undefined;
  let sb: Sandbox | undefined;
  let aws: AwsAccess | undefined;
  try {
    const store = await freshDb(o.dbPath);
    db = store;
    await timed(timings, "generateCur", () => writeCurExport(dataDir, o.now, o.log));
    const sandbox = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      now: o.now,
      dataDir,
      faults: o.faults,
      scenario: "on-call",
    });
    sb = sandbox;
    o.onSandbox?.(sandbox);
    o.log.info(`demo: local AWS sandbox at ${sandbox.url}`);
    const access = createAwsAccess({ env: sandbox.env, log: o.log });
    aws = access;
    const collection = await timed(timings, "collect", () => collect(store, config, access, o));
    const deps = { db: store, config, now: () => new Date(o.now.getTime()), log: o.log };
    const outputs = await timed(timings, "answers", () => gatherOutputs(deps));
    return { now: o.now.toISOString(), dbPath: o.dbPath, collection, outputs, timings };
  } finally {
    aws?.close();
    await sb?.close();
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
