import type { Command } from "commander";
import { capabilities } from "../capabilities/index.js";
import { type CliContext, needsAws } from "../cli/context.js";
import { UsageError } from "../errors.js";
import { readSlackEnv, slackChannel } from "../slack/env.js";
import type { JobDeps } from "../slack/jobs/types.js";
import type { SlackDeps } from "../slack/types.js";

// Bolt and the Slack modules are imported inside the actions: other commands never load them.

async function slackDeps(ctx: CliContext): Promise<SlackDeps> {
  const { slackDepsOf } = await import("../slack/run.js");
  return slackDepsOf(await ctx.deps({ aws: needsAws(capabilities) }), capabilities);
}

async function jobDeps(ctx: CliContext): Promise<JobDeps> {
  const env = readSlackEnv(ctx.env, ["SLACK_BOT_TOKEN"]);
  const channel = slackChannel(ctx.config());
  const { jobDepsOf } = await import("../slack/run.js");
  return jobDepsOf(await slackDeps(ctx), env, channel);
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port "${v}": expected 0-65535`);
  return n;
}

/** Runs until SIGINT/SIGTERM, then stops the receiver so the store closes cleanly. */
async function serveSlack(ctx: CliContext, opts: { http?: boolean; port?: number; host?: string }) {
  const mode = opts.http ? "http" : "socket";
  const env = readSlackEnv(
    ctx.env,
    mode === "http" ? ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] : ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"],
  );
  const { startSlack } = await import("../slack/run.js");
  const running = await startSlack(await slackDeps(ctx), env, { mode, port: opts.port, host: opts.host });
  ctx.log.info(
    mode === "http"
      ? `slack: listening on ${opts.host ?? "127.0.0.1"}:${running.port} /slack/events`
      : "slack: connected (Socket Mode)",
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await running.stop();
}

export function registerSlack(program: Command, ctx: CliContext): void {
  const slack = program
    .command("slack")
    .description("run the Slack app (Socket Mode with SLACK_APP_TOKEN, or --http), post digests and alerts")
    .option("--http", "serve Slack's HTTP requests at /slack/events instead of Socket Mode")
    .option("--port <n>", "HTTP port (0 = any free port)", parsePort, 3000)
    .option("--host <host>", "HTTP bind address", "127.0.0.1")
    .action((opts: { http?: boolean; port?: number; host?: string }) => serveSlack(ctx, opts));
  slack
    .command("send-digest")
    .description("post today's digest to slack.channel (once per UTC day)")
    .action(async () => {
      const deps = await jobDeps(ctx);
      const { sendDigest } = await import("../slack/jobs/digest.js");
      const res = await sendDigest(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
    });
  slack
    .command("send-savings")
    .description("post the weekly savings (top 3 not shown in the last 7 days) to slack.channel")
    .action(async () => {
      const deps = await jobDeps(ctx);
      const { sendWeeklySavings } = await import("../slack/jobs/savings.js");
      const res = await sendWeeklySavings(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res ?? { posted: false, reason: "nothing new this week" })}\n`);
    });
  slack
    .command("run-alerts")
    .description(
      "evaluate budgets, incidents, data gaps, retirements and collection health once; post only what is new, update incidents in place",
    )
    .action(async () => {
      const deps = await jobDeps(ctx);
      const { runAlerts } = await import("../slack/jobs/alerts.js");
      const res = await runAlerts(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
      if (res.failed.length) process.exitCode = 1;
    });
}
