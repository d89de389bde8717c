import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { DEMO_DB_PATH } from "../demo/config.js";
import type { DemoResult } from "../demo/run.js";

/** `--json`: one object, the structured output of every capability shown (keyed like the report). */
export function demoJson(r: DemoResult): Record<string, unknown> {
  const answers = Object.fromEntries(
    r.outputs.sections.map((s) => [
      s.key,
      { title: s.title, tool: s.tool, input: s.input, output: s.output },
    ]),
  );
  return { now: r.now, db: r.dbPath, collection: r.collection, ...answers, slack: r.outputs.slack };
}

/**
 * `bedrock-spend demo`: the whole product on a synthetic org, offline and without AWS credentials.
 * It always uses its own store (./data/demo.db, recreated each run), never --db or the default one,
 * and ignores the user's config: the demo's config is built in memory.
 */
export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "run the whole pipeline on a synthetic org through a local AWS sandbox (offline, no credentials) into ./data/demo.db",
    )
    .option("--json", "print one JSON object with the structured output of every answer shown")
    .option("--slack-json", "print the Slack digest and alerts as Block Kit JSON instead of plain text")
    .action(async (opts: { json?: boolean; slackJson?: boolean }) => {
      const t0 = performance.now();
      if (program.opts<{ db?: string }>().db)
        ctx.log.warn(`demo: --db is ignored; the demo always writes its own store ${DEMO_DB_PATH}`);
      const now = ctx.now();
      ctx.log.info(`demo: building a synthetic org as of ${now.toISOString()} into ${DEMO_DB_PATH}`);
      // Loaded on use: the demo pulls in DuckDB, the sandbox and the AWS SDK.
      const { runDemo } = await import("../demo/run.js");
      const { demoReport } = await import("../demo/report.js");
      const r = await runDemo({ dbPath: DEMO_DB_PATH, now, log: ctx.log });
      const out = opts.json
        ? `${JSON.stringify(demoJson(r), null, 2)}\n`
        : demoReport(r.outputs, { now: r.now, dbPath: r.dbPath, slackJson: opts.slackJson });
      process.stdout.write(out);
      const phases = Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`);
      ctx.log.info(`demo: done in ${((performance.now() - t0) / 1000).toFixed(1)}s (${phases.join(", ")})`);
    });
}
