import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import type { CollectSummary } from "../collect/run.js";
import { ALL_SOURCES, planUnits } from "../collect/units.js";
import { UsageError } from "../errors.js";
import type { CollectSource } from "../store/schema-collect.js";
import { isValidDay } from "../util/dates.js";
import { alignedTable } from "../util/table.js";

/** Exit codes (docs/architecture.md §6): 0 every unit ok, 3 partial, 1 nothing collected. */
export function exitCodeFor(summary: CollectSummary): number {
  return summary.status === "ok" ? 0 : summary.status === "partial" ? 3 : 1;
}

export function parseSources(raw: string | undefined): CollectSource[] | undefined {
  if (!raw) return undefined;
  const list = raw.split(",").map((s) => s.trim());
  const bad = list.find((s) => !ALL_SOURCES.includes(s as CollectSource));
  if (bad) throw new UsageError(`--source ${bad}: expected one or more of ${ALL_SOURCES.join(",")}`);
  return list as CollectSource[];
}

function printSummary(s: CollectSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return;
  }
  const rows = s.units.map((u) => [
    u.source,
    u.account ?? "",
    u.region ?? "",
    u.status,
    u.items,
    u.apiCalls,
    u.error ? `${u.error.name}: ${u.error.fix || u.error.message}` : "",
  ]);
  process.stdout.write(
    `${alignedTable(["source", "account", "region", "status", "items", "calls", "problem"], rows)}\n`,
  );
}

export function registerCollect(program: Command, ctx: CliContext): void {
  program
    .command("collect")
    .description(
      "run every configured collector once (CloudWatch metrics, Bedrock inventory, invocation logs, CUR)",
    )
    .option("--since <day>", "re-fetch from this UTC day (YYYY-MM-DD) instead of the watermark")
    .option("--source <list>", `only these sources, comma-separated (${ALL_SOURCES.join(",")})`)
    .option("--json", "print the run summary as JSON")
    .action(async (opts: { since?: string; source?: string; json?: boolean }) => {
      if (opts.since && !isValidDay(opts.since))
        throw new UsageError(`--since ${opts.since}: expected a UTC day YYYY-MM-DD`);
      const sources = parseSources(opts.source);
      const config = ctx.config();
      if (planUnits(config, sources).length === 0)
        throw new UsageError("nothing to collect: add accounts (or cur.source) to the config");
      // The collectors (and the AWS SDK they use) load only for this command.
      const [{ curIngester }, { runCollection }] = await Promise.all([
        import("../collect/cur-unit.js"),
        import("../collect/run.js"),
      ]);
      const deps = await ctx.deps();
      const aws = await ctx.aws();
      const ingestCur = curIngester({ ...deps, aws });
      const summary = await runCollection({ ...deps, aws, ingestCur }, { since: opts.since, sources });
      printSummary(summary, Boolean(opts.json));
      process.exitCode = exitCodeFor(summary);
    });
}
