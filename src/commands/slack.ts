import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";
import { UsageError } from "../errors.js";

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port "${v}": expected 0-65535`);
  return n;
}

export function registerSlack(program: Command, ctx: CliContext): void {
  const slack = program
    .command("slack")
    .description("run the Slack app (Socket Mode with SLACK_APP_TOKEN, or --http), post digests and alerts")
    .option("--http", "serve Slack's HTTP requests at /slack/events instead of Socket Mode")
    .option("--port <n>", "HTTP port (0 = any free port)", parsePort, 3000)
    .option("--host <host>", "HTTP bind address", "127.0.0.1")
    .action(async (opts: { http?: boolean; port?: number; host?: string }) => {
      const { serveSlack } = await import("./slack-run.js");
      await serveSlack(ctx, opts);
    });
  slack
    .command("send-digest")
    .description("post today's digest to slack.channel (once per UTC day)")
    .action(async () => {
      const [{ jobDeps }, { sendDigest }] = await Promise.all([
        import("./slack-run.js"),
        import("../slack/jobs/digest.js"),
      ]);
      const deps = await jobDeps(ctx);
      const res = await sendDigest(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
    });
  slack
    .command("run-alerts")
    .description("evaluate budgets, anomalies, retirements and collection health once; post only what is new")
    .action(async () => {
      const [{ jobDeps }, { runAlerts }] = await Promise.all([
        import("./slack-run.js"),
        import("../slack/jobs/alerts.js"),
      ]);
      const deps = await jobDeps(ctx);
      const res = await runAlerts(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
      if (res.failed.length) process.exitCode = 1;
    });
}
