import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { errorMessage } from "../../errors.js";
import { codedLayout } from "../../store/bulk.js";
import {
  COST_ROW_COLUMNS,
  finishIngestLog,
  getCurPeriod,
  replaceCurPeriod,
  startIngestLog,
} from "../../store/queries/cur.js";
import { refreshSpendRollupAfterWrite } from "../../store/queries/spend-rollup.js";
import { telemetry } from "../../util/telemetry.js";
import { DUCK_MEMORY, type DuckMemory } from "./duck.js";
import type { IngestDeps, IngestOptions, PeriodSummary } from "./ingest-types.js";
import { newestMtime, type PeriodPlan } from "./layout.js";
import { normalizePeriod } from "./normalize.js";
import { phaseTimer } from "./phases.js";
import { type PeriodRead, readPeriod, ScanMemoryError } from "./reader.js";
import type { LocalCurFile } from "./reader-types.js";
import type { CurSource } from "./source.js";
import { countingStored } from "./store-progress.js";

/** Same files (key, size, etag or mtime) → same fingerprint → nothing to do. */
export function fingerprintOf(plan: PeriodPlan): string {
  const parts = plan.files.map((f) => `${f.key}\t${f.size}\t${f.etag ?? f.mtime}`).sort();
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function blank(plan: PeriodPlan, status: PeriodSummary["status"]): PeriodSummary {
  return {
    period: plan.period,
    status,
    files: plan.files.length,
    emptyFiles: 0,
    rowsRead: 0,
    bedrockRows: 0,
    skippedRows: 0,
    costUsd: 0,
    adjustmentsUsd: 0,
    hasIamPrincipal: null,
    lastUsageDay: null,
    warnings: [...plan.warnings],
    error: null,
    seconds: 0,
  };
}

/**
 * Reads the period under DuckDB's memory cap; when a scan needs more (large row groups), reads it
 * again under the fallback cap and says so, instead of failing a period whose files are fine.
 */
async function readWithinMemory(
  con: DuckDBConnection,
  files: LocalCurFile[],
  period: string,
  memory: DuckMemory,
  onProgress: (rows: number, files: number) => void,
): Promise<{ read: PeriodRead; memoryWarning?: string }> {
  await con.run(`SET memory_limit = '${memory.limit}'`);
  try {
    return { read: await readPeriod(con, files, onProgress) };
  } catch (err) {
    if (!(err instanceof ScanMemoryError)) throw err;
    // The rest of this period keeps the larger cap; the next period starts under the usual one.
    await con.run(`SET memory_limit = '${memory.fallback}'`);
    const read = await readPeriod(con, files, onProgress);
    return {
      read,
      memoryWarning: `${period}: scanning the files needed more than DuckDB's ${memory.limit} memory cap (${err.message}); the period was read again under ${memory.fallback}, so this ingest used more memory than usual`,
    };
  }
}

/** Reads, normalizes and atomically replaces one billing period. Never throws for bad data. */
export async function ingestPeriod(
  deps: IngestDeps,
  con: DuckDBConnection,
  source: CurSource,
  plan: PeriodPlan,
  opts: IngestOptions,
): Promise<PeriodSummary> {
  const started = deps.now();
  const t0 = performance.now();
  const timer = phaseTimer();
  const fingerprint = fingerprintOf(plan);
  const existing = await getCurPeriod(deps.db, plan.period);
  if (
    existing &&
    existing.fingerprint === fingerprint &&
    existing.source === source.location &&
    !opts.force
  ) {
    const s = blank(plan, "unchanged");
    s.hasIamPrincipal = existing.has_iam_principal === 1;
    s.lastUsageDay = existing.last_usage_day;
    return s;
  }
  const filesJson = JSON.stringify(
    plan.files.map((f) => ({
      path: f.key,
      size: f.size,
      ...(f.etag ? { etag: f.etag } : { mtime: f.mtime }),
    })),
  );
  const ingestId = await startIngestLog(deps.db, {
    source: source.location,
    period: plan.period,
    files: filesJson,
    started_at: started.toISOString(),
  });
  const summary = blank(plan, "ok");
  try {
    const local: LocalCurFile[] = [];
    for (const f of plan.files)
      local.push({ key: f.key, path: await source.localPath(f), format: f.format, size: f.size });
    const { read, memoryWarning } = await readWithinMemory(
      con,
      local,
      plan.period,
      opts.duckMemory ?? DUCK_MEMORY,
      (rows, files) => {
        const perSec = Math.round(rows / Math.max((performance.now() - t0) / 1000, 0.001));
        opts.progress?.update(
          `${plan.period}: ${files} file(s), ${rows.toLocaleString("en-US")} rows (${perSec.toLocaleString("en-US")} rows/s)`,
        );
      },
    );
    if (memoryWarning) summary.warnings.push(memoryWarning);
    timer.mark("read");
    opts.progress?.update(
      `${plan.period}: ${read.rowsRead.toLocaleString("en-US")} rows read; reducing Bedrock lines to cost rows`,
    );
    const norm = await normalizePeriod(con, plan.period);
    timer.mark("normalize", ` → ${norm.costRows} rows`);
    if (!read.hasIamPrincipal)
      norm.warnings.push(
        `${plan.period}: the export has no line_item_iam_principal column; enable "Include caller identity (IAM principal) allocation data" to see who spends`,
      );
    if (read.emptyFiles.length)
      norm.warnings.push(`${plan.period}: skipped ${read.emptyFiles.length} empty chunk(s)`);
    Object.assign(summary, {
      emptyFiles: read.emptyFiles.length,
      rowsRead: read.rowsRead,
      bedrockRows: norm.bedrockLines,
      skippedRows: read.otherRows + norm.skippedLines,
      costUsd: norm.costUsd,
      adjustmentsUsd: norm.adjustments.reduce((s, a) => s + a.amount_usd, 0),
      hasIamPrincipal: read.hasIamPrincipal,
      lastUsageDay: read.maxDay,
      warnings: [...summary.warnings, ...norm.warnings],
    });
    const refreshedAt = newestMtime(plan.files) || null;
    const finishedAt = deps.now().toISOString();
    const coded = norm.cost();
    try {
      await replaceCurPeriod(deps.db, {
        period: {
          period: plan.period,
          source: source.location,
          fingerprint,
          last_usage_day: read.maxDay,
          refreshed_at: refreshedAt,
          has_iam_principal: read.hasIamPrincipal ? 1 : 0,
          ingested_at: finishedAt,
        },
        ingestId,
        cost: {
          dictionaries: coded.dictionaries,
          rows: countingStored(coded.rows, {
            period: plan.period,
            total: norm.costRows,
            width: codedLayout("cost_daily", COST_ROW_COLUMNS, coded.dictionaries).width,
            progress: opts.progress,
          }),
        },
        costRows: norm.costRows,
        adjustments: norm.adjustments,
        rollup: { days: norm.days, rows: norm.rollup() },
        log: {
          status: "ok",
          rows_read: summary.rowsRead,
          bedrock_rows: summary.bedrockRows,
          skipped_rows: summary.skippedRows,
          cost_usd: summary.costUsd,
          warnings: JSON.stringify(summary.warnings),
          finished_at: finishedAt,
        },
      });
    } finally {
      await norm.settle();
    }
    timer.mark("store with rollup");
    // Days another period also covers (rare) were left dirty for the rollup's own rebuild.
    telemetry().count("cur_lines_ingested", {}, summary.rowsRead);
    await refreshSpendRollupAfterWrite(deps.db, deps.log, `CUR ${plan.period}`);
    timer.mark("refresh");
    deps.log.debug(`${plan.period}: ${timer}`);
  } catch (err) {
    summary.status = "failed";
    summary.error = errorMessage(err);
    await finishIngestLog(deps.db, ingestId, {
      status: "failed",
      error: summary.error,
      warnings: JSON.stringify(summary.warnings),
      finished_at: deps.now().toISOString(),
    });
  } finally {
    await source.release();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}
