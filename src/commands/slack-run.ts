/** What the `slack` commands run: loaded by their actions only (Bolt, the Web API client, node-cron). */
import { capabilities } from "../capabilities/index.js";
import type { CliContext } from "../cli/context.js";
import { createSlackApp } from "../slack/app.js";
import { createDelivery, createSlackClient } from "../slack/delivery.js";
import { readSlackEnv, slackChannel } from "../slack/env.js";
import { ingestLogFreshness } from "../slack/freshness.js";
import type { JobDeps } from "../slack/jobs/types.js";
import { slackLogger } from "../slack/logger.js";
import { startSlackJobs } from "../slack/schedule.js";
import type { SlackDeps } from "../slack/types.js";

async function slackDeps(ctx: CliContext): Promise<SlackDeps> {
  return { ...(await ctx.deps({ aws: true })), capabilities, freshness: ingestLogFreshness };
}

export async function jobDeps(ctx: CliContext): Promise<JobDeps> {
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

/** Runs until SIGINT/SIGTERM, then stops the receiver so the store closes cleanly. */
export async function serveSlack(ctx: CliContext, opts: { http?: boolean; port?: number; host?: string }) {
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
