import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import type { IngestSummary } from "../collect/cur/ingest-types.js";
import { UsageError } from "../errors.js";
import { MONTH_RE } from "../util/dates.js";
import { createProgress } from "../util/progress.js";
import { alignedTable, formatInt, formatUsd } from "../util/table.js";

export function summaryText(s: IngestSummary): string {
  const rows = s.periods.map((p) => [
    p.period,
    p.status,
    p.files,
    formatInt(p.rowsRead),
    formatInt(p.bedrockRows),
    formatInt(p.skippedRows),
    formatUsd(p.costUsd),
    p.lastUsageDay ?? "",
  ]);
  const head = `${s.periods.length} period(s) from ${s.source}: ${s.ok} ingested, ${s.unchanged} unchanged, ${s.failed} failed; ${formatInt(s.rowsRead)} rows read, ${formatInt(s.bedrockRows)} Bedrock, ${formatInt(s.skippedRows)} skipped, Bedrock cost ${formatUsd(s.costUsd)} (${s.seconds.toFixed(1)} s)`;
  const table = alignedTable(
    ["period", "status", "files", "rows", "bedrock", "skipped", "cost", "last day"],
    rows,
  );
  const errors = s.periods.filter((p) => p.error).map((p) => `error: ${p.period}: ${p.error}`);
  const warnings = s.warnings.map((w) => `warning: ${w}`);
  return [head, "", table, ...(errors.length || warnings.length ? [""] : []), ...errors, ...warnings].join(
    "\n",
  );
}

/** Exit codes (docs/architecture.md §6): 0 every period ok or unchanged, 3 some failed, 1 all failed. */
export function exitCodeOf(s: IngestSummary): number {
  if (!s.failed) return 0;
  return s.failed === s.periods.length ? 1 : 3;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("ingest-cur")
    .description("ingest a CUR 2.0 export (folder holding data/ and metadata/, or s3://bucket/prefix)")
    .argument("<source>", "export folder or s3://bucket/prefix/export-name")
    .option("--force", "re-ingest periods whose files did not change")
    .option("--period <YYYY-MM...>", "only these billing periods")
    .option("--json", "print the ingest summary as JSON")
    .action(async (source: string, opts: { force?: boolean; period?: string[]; json?: boolean }) => {
      for (const p of opts.period ?? [])
        if (!MONTH_RE.test(p))
          throw new UsageError(`--period ${p}: expected a billing period such as 2026-11`);
      // DuckDB and the S3 client load only for this command.
      const { ingestCur } = await import("../collect/cur/ingest.js");
      const s3 = source.startsWith("s3://") ? (await ctx.aws()).clients(null).s3 : undefined;
      const summary = await ingestCur({ db: await ctx.db(), log: ctx.log, now: ctx.now }, source, {
        s3,
        force: opts.force,
        periods: opts.period,
        progress: createProgress("ingest-cur"),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryText(summary)}\n`);
      process.exitCode = exitCodeOf(summary);
    });
}
