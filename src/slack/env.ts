import { z } from "zod";
import type { Config } from "../config.js";
import { UsageError } from "../errors.js";

/** Slack settings from the environment (docs/architecture.md §6 Slack). Values are secrets: never printed. */

const WHERE = {
  SLACK_BOT_TOKEN: "the Bot User OAuth Token (xoxb-…) on your Slack app's OAuth & Permissions page",
  SLACK_SIGNING_SECRET: "Basic Information → App Credentials → Signing Secret in your Slack app settings",
  SLACK_APP_TOKEN:
    "Basic Information → App-Level Tokens: create one with the connections:write scope (xapp-…), or run with --http",
} as const;
export type SlackVar = keyof typeof WHERE;

const FORMAT: Partial<Record<SlackVar, z.ZodString>> = {
  SLACK_APP_TOKEN: z.string().startsWith("xapp-"),
};

export interface SlackEnv {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

/** Reads the variables a mode needs; a missing or malformed one is a UsageError saying where to get it. */
export function readSlackEnv(env: NodeJS.ProcessEnv, need: SlackVar[]): SlackEnv {
  for (const name of need) {
    const v = env[name];
    if (!v) throw new UsageError(`${name} is not set: use ${WHERE[name]}`);
    if (FORMAT[name] && !FORMAT[name].safeParse(v).success)
      throw new UsageError(`${name} does not look right (expected xapp-…): use ${WHERE[name]}`);
  }
  const apiUrl = env.SLACK_API_URL;
  if (apiUrl && !z.url().safeParse(apiUrl).success)
    throw new UsageError(`SLACK_API_URL "${apiUrl}" is not a URL (expected e.g. https://slack.com/api/)`);
  return {
    botToken: env.SLACK_BOT_TOKEN ?? "",
    signingSecret: env.SLACK_SIGNING_SECRET || undefined,
    appToken: env.SLACK_APP_TOKEN || undefined,
    apiUrl: apiUrl ? (apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`) : undefined,
  };
}

export function slackChannel(config: Config): string {
  const channel = config.slack.channel;
  if (!channel)
    throw new UsageError(
      'config slack.channel is not set: add `slack: { channel: "#bedrock-spend" }` to the config file',
    );
  return channel;
}
