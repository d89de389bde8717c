import type { Command } from "commander";
import { capabilities } from "../capabilities/index.js";
import type { CliContext } from "../cli/context.js";
import { UsageError } from "../errors.js";
import { createSlackApp } from "../slack/app.js";
import { createDelivery, createSlackClient } from "../slack/delivery.js";
import { readSlackEnv, slackChannel } from "../slack/env.js";
import { ingestLogFreshness } from "../slack/freshness.js";
import { runAlerts } from "../slack/jobs/alerts.js";
import { sendDigest } from "../slack/jobs/digest.js";
import type { JobDeps } from "../slack/jobs/types.js";
import { slackLogger } from "../slack/logger.js";
import { startSlackJobs } from "../slack/schedule.js";
import type { SlackDeps } from "../slack/types.js";

async function slackDeps(ctx: CliContext): Promise<SlackDeps> {
  return { ...(await ctx.deps()), capabilities, freshness: ingestLogFreshness };
}

async function jobDeps(ctx: CliContext): Promise<JobDeps> {
  const env = readSlackEnv(ctx.env, ["SLACK_BOT_TOKEN"]);
  const channel = slackChannel(ctx.config());
  const deps = await slackDeps(ctx);
  const client = createSlackClient(env.botToken, env.apiUrl, slackLogger(deps.log));
  return {
    ...deps,
    channel,
    delivery: createDelivery({ client, db: deps.db, now: deps.now, log: deps.log }),
  };
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
  const deps = await slackDeps(ctx);
  const runtime = createSlackApp(deps, { mode, ...env, port: opts.port, host: opts.host });
  // Digest and alerts run in the same process when a channel is configured (they share pacing).
  const channel = ctx.config().slack.channel;
  const jobs = channel ? startSlackJobs({ ...deps, channel, delivery: runtime.delivery }) : null;
  const { port } = await runtime.start();
  ctx.log.info(
    mode === "http"
      ? `slack: listening on ${opts.host ?? "127.0.0.1"}:${port} /slack/events`
      : "slack: connected (Socket Mode)",
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await jobs?.stop();
  await runtime.stop();
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
      const res = await sendDigest(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
    });
  slack
    .command("run-alerts")
    .description("evaluate budgets, anomalies, retirements and collection health once; post only what is new")
    .action(async () => {
      const deps = await jobDeps(ctx);
      const res = await runAlerts(deps, deps.now());
      process.stdout.write(`${JSON.stringify(res)}\n`);
      if (res.failed.length) process.exitCode = 1;
    });
}
