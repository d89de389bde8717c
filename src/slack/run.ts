import type { AnyCapability, Deps } from "../capabilities/types.js";
import type { Exclusive } from "../util/exclusive.js";
import { createSlackApp } from "./app.js";
import { toolSetOf } from "./capability.js";
import { createDelivery, createSlackClient } from "./delivery.js";
import type { SlackEnv } from "./env.js";
import { storeFreshness } from "./freshness.js";
import type { JobDeps } from "./jobs/types.js";
import { slackLogger } from "./logger.js";
import { startSlackJobs } from "./schedule.js";
import type { SlackDeps } from "./types.js";

/** The Slack surface's deps: the capability deps plus the registry and collection health. */
export function slackDepsOf(deps: Deps, capabilities: readonly AnyCapability[]): SlackDeps {
  return { ...deps, capabilities: toolSetOf(capabilities), freshness: storeFreshness };
}

/** Deps for one-shot jobs (`send-digest`, `run-alerts`): a Web API client, no receiver. */
export function jobDepsOf(deps: SlackDeps, env: SlackEnv, channel: string): JobDeps {
  const client = createSlackClient(env.botToken, env.apiUrl, slackLogger(deps.log));
  return {
    ...deps,
    channel,
    delivery: createDelivery({ client, db: deps.db, now: deps.now, log: deps.log }),
  };
}

export interface SlackServeOptions {
  mode: "socket" | "http";
  port?: number;
  host?: string;
  /** Runs each digest/alert/savings tick on one replica only (serve's lease). */
  exclusive?: Exclusive;
}

export interface RunningSlack {
  /** HTTP mode: the port bound; Socket Mode: null. */
  port: number | null;
  /** True when the digest/alert schedule runs (config slack.channel set). */
  jobs: boolean;
  stop(): Promise<void>;
}

/**
 * The Slack app and, when `slack.channel` is configured, its digest and alert schedule in the same
 * process (they share the delivery's per-channel pacing). Used by `slack` and by `serve`.
 */
export async function startSlack(
  deps: SlackDeps,
  env: SlackEnv,
  o: SlackServeOptions,
): Promise<RunningSlack> {
  const runtime = createSlackApp(deps, { mode: o.mode, ...env, port: o.port, host: o.host });
  const channel = deps.config.slack.channel;
  const jobs = channel
    ? startSlackJobs({ ...deps, channel, delivery: runtime.delivery }, undefined, o.exclusive)
    : null;
  try {
    const { port } = await runtime.start();
    return {
      port,
      jobs: jobs !== null,
      async stop() {
        await jobs?.stop();
        await runtime.stop();
      },
    };
  } catch (err) {
    await jobs?.stop();
    throw err;
  }
}
