import { capabilities } from "../capabilities/index.js";
import { readSlackEnv } from "../slack/env.js";
import { slackDepsOf, startSlack } from "../slack/run.js";
import type { ServeComponent, ServeContext } from "./types.js";

/** Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), else HTTP with the signing secret. */
function modeOf(env: NodeJS.ProcessEnv): "socket" | "http" | null {
  if (!env.SLACK_BOT_TOKEN) return null;
  if (env.SLACK_APP_TOKEN) return "socket";
  return env.SLACK_SIGNING_SECRET ? "http" : null;
}

/** The Slack app plus its digest/alert schedule, when the Slack variables are present. */
export const slackComponent: ServeComponent = {
  name: "slack",
  enabled: ({ env }) => modeOf(env) !== null,
  disabledReason: ({ env }) =>
    env.SLACK_BOT_TOKEN
      ? "set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP on config slack.port) to run the Slack app"
      : "SLACK_BOT_TOKEN is not set (see the Slack section of the README)",
  async start({ deps, env, exclusive }: ServeContext) {
    const mode = modeOf(env) ?? "socket";
    const slackEnv = readSlackEnv(
      env,
      mode === "http" ? ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] : ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"],
    );
    const { port, host } = deps.config.slack;
    const running = await startSlack(slackDepsOf(deps, capabilities), slackEnv, {
      mode,
      port,
      host,
      exclusive,
    });
    deps.log.info(
      mode === "http"
        ? `serve: Slack listening on http://${host}:${running.port}/slack/events`
        : "serve: Slack connected (Socket Mode)",
    );
    if (!running.jobs)
      deps.log.info("serve: Slack digest and alerts are off: set slack.channel in the config to post them");
    return { stop: () => running.stop() };
  },
};
