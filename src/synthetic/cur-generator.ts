import { mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { addDays, daysBetween, isoDay, monthStart } from "../util/dates.js";
import { deliveryLines } from "./cur/delivery-lines.js";
import {
  type CurFormat,
  type CurLayout,
  chunkName,
  compactTimestamp,
  deliveryDir,
  writeManifest,
} from "./cur/layout.js";
import { maxDay, planPeriods, ymd } from "./cur/plan.js";
import { createRng, pseudoUuid, seedOf } from "./cur/prng.js";
import type { GroundTruth, PeriodTruth } from "./cur/types.js";
import { writeDelivery, writeEmptyChunk } from "./cur/writer.js";
import { DEMO_SPIKE } from "./org.js";

export type { GroundTruth, PeriodTruth } from "./cur/types.js";

export interface CurGeneratorOptions {
  /** Folder that receives `<exportName>/data` and `<exportName>/metadata`. */
  root: string;
  exportName?: string;
  /** Every date derives from it: the current period runs to the day before `now`. */
  now: Date;
  /** Billing periods, the current one included (default 2). */
  months?: number;
  layout?: CurLayout;
  format?: CurFormat;
  /** Target line count over the whole export (~10% Bedrock); default: hand-modelled lines + as many filler. */
  scale?: number;
  /** CREATE_NEW_REPORT: executions per period; only the newest counts (default 3). */
  executions?: number;
  /** Deliver the previous period again with different numbers (call again after a first generate). */
  restatement?: boolean;
  /** Leave a surplus chunk overwritten with empty data (not in the manifest). */
  emptyChunk?: boolean;
  /** Write manifests (default true). */
  manifest?: boolean;
  rowsPerChunk?: number;
  /** Columns to leave out (e.g. `line_item_iam_principal` when the export has no IAM principal data). */
  dropColumns?: string[];
  s3Base?: string;
  seed?: number;
  /** Keep only the last N days of each period (small, fast exports for tests). */
  daysPerPeriod?: number;
  /**
   * `demo` (default): the demo org's hand-modelled lines, split hourly to reach `scale`.
   * `high`: the demo lines plus daily Bedrock lines of a large org (cur/high-card.ts) up to 10% of
   * `scale`, each with a principal, resource id and tags, so Bedrock lines ≈ daily keys.
   */
  cardinality?: "demo" | "high";
}

export interface CurGeneratorResult {
  exportDir: string;
  exportName: string;
  periods: string[];
  /** Data files of the counted deliveries (absolute paths). */
  files: string[];
  truth: GroundTruth;
}

/** Writes a real CUR 2.0 export from the synthetic org and returns what it adds up to. */
export async function generateCurExport(opts: CurGeneratorOptions): Promise<CurGeneratorResult> {
  const exportName = opts.exportName ?? "bedrock-spend-demo";
  const exportDir = join(opts.root, exportName);
  const layout = opts.layout ?? "OVERWRITE_REPORT";
  const format = opts.format ?? "parquet";
  const seed = opts.seed ?? 42;
  const plans = planPeriods(opts.now, opts.months ?? 2, opts.daysPerPeriod);
  const restated = opts.restatement && plans.length >= 2 ? plans[plans.length - 2].period : null;
  const totalDays = plans.reduce((s, p) => s + daysBetween(p.firstDay, p.lastDay) + 1, 0);
  // Large exports stage millions of lines: bounded, the staging table spills instead of growing.
  const spill = mkdtempSync(join(tmpdir(), "bedrock-spend-gen-"));
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: "1GB", temp_directory: spill });
  const con = await instance.connect();
  const truth: GroundTruth = { periods: {}, costUsd: 0, lines: 0, bedrockLines: 0 };
  const files: string[] = [];
  try {
    for (const plan of plans) {
      const days = daysBetween(plan.firstDay, plan.lastDay) + 1;
      const spikeDay = addDays(isoDay(opts.now), -DEMO_SPIKE.daysAgo);
      const executions = layout === "CREATE_NEW_REPORT" ? Math.max(1, opts.executions ?? 3) : 1;
      const isRestated = plan.period === restated;
      const target = opts.scale ? Math.round((opts.scale * days) / totalDays) : 0;
      for (let e = 0; e < executions; e++) {
        const newest = e === executions - 1;
        // Older executions saw fewer days of the open period and slightly different numbers.
        const lastDay = newest
          ? plan.lastDay
          : maxDay(plan.firstDay, addDays(plan.lastDay, e - executions + 1));
        const volumeFactor = (isRestated ? 1.05 : 1) * (newest ? 1 : 0.9 + 0.02 * e);
        const rngSeed = seedOf(`${seed}/${plan.period}/${e}/${isRestated ? "restated" : "first"}`);
        const spec = { period: plan.period, firstDay: plan.firstDay, lastDay, spikeDay, volumeFactor };
        const built = deliveryLines(spec, rngSeed, target, opts.cardinality === "high");
        const { filler } = built;
        const deliveredAt = isRestated
          ? new Date(opts.now.getTime() - 30 * 60_000)
          : new Date(Date.UTC(...ymd(addDays(lastDay, 1)), 6 - (executions - 1 - e)));
        const executionId = pseudoUuid(createRng(rngSeed ^ 0x5bd1e995));
        const executionFolder = `${compactTimestamp(deliveredAt)}-${executionId}`;
        const dir = deliveryDir(plan.period, layout, executionFolder);
        const absDir = join(exportDir, dir);
        if (layout === "OVERWRITE_REPORT") rmSync(absDir, { recursive: true, force: true });
        mkdirSync(absDir, { recursive: true });
        const total = built.count + filler;
        const chunks = Math.max(1, Math.ceil(total / (opts.rowsPerChunk ?? 400_000)));
        const rel = Array.from(
          { length: chunks },
          (_, i) => `${dir}/${chunkName(exportName, i + 1, format)}`,
        );
        const abs = rel.map((r) => join(exportDir, r));
        await writeDelivery(con, {
          lines: built.lines,
          filler,
          firstDay: plan.firstDay,
          days: daysBetween(plan.firstDay, lastDay) + 1,
          seed: rngSeed % 100_000,
          periodStart: monthStart(plan.period),
          deliveryId: executionFolder,
          format,
          chunkPaths: abs,
          dropColumns: opts.dropColumns,
        });
        if (opts.emptyChunk && newest) {
          const empty = join(absDir, chunkName(exportName, chunks + 1, format));
          await writeEmptyChunk(con, empty, format);
          abs.push(empty);
        }
        for (const f of abs) utimesSync(f, deliveredAt, deliveredAt);
        if (opts.manifest ?? true) {
          const s3Base = opts.s3Base ?? "s3://demo-cur-bucket/cur";
          writeManifest({
            exportDir,
            exportName,
            period: plan.period,
            executionId,
            deliveredAt,
            files: rel,
            format,
            layout,
            executionFolder,
            s3Base,
          });
        }
        if (!newest) continue;
        files.push(...abs);
        const t: PeriodTruth = {
          ...built.truth,
          nonBedrockLines: built.truth.nonBedrockLines + filler,
          lines: total,
        };
        truth.periods[plan.period] = t;
      }
    }
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
  for (const t of Object.values(truth.periods)) {
    truth.costUsd += t.costUsd;
    truth.lines += t.lines;
    truth.bedrockLines += t.bedrockLines;
  }
  return { exportDir, exportName, periods: Object.keys(truth.periods), files, truth };
}
