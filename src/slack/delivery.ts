import { setTimeout as delay } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type { Db } from "../store/db.js";
import { claimPost, markPosted, releaseClaim } from "../store/queries/slack.js";
import type { Logger } from "../util/log.js";
import { telemetry } from "../util/telemetry.js";
import type { SlackMessage } from "./types.js";

/**
 * The one way messages reach Slack. Three promises:
 * - at most ~1 message per second per channel (Slack's chat.postMessage limit,
 *   https://api.slack.com/methods/chat.postMessage#rate_limiting);
 * - a 429 is retried after its Retry-After, and nothing else is retried, so one call delivers at
 *   most one message (the WebClient's own retries are off: a retried timeout could post twice);
 * - `postOnce` claims its key in the ledger before posting, so neither a restart nor a Slack retry
 *   ever posts the same alert twice.
 */

export type WebClient = InstanceType<typeof webApi.WebClient>;

export interface DeliveryOptions {
  client: WebClient;
  db: Db;
  now: Clock;
  log: Logger;
  /** Minimum gap between two posts to one channel (default 1100 ms). */
  minIntervalMs?: number;
  /** How many 429s in a row to wait out before giving up (default 5). */
  maxRateLimitRetries?: number;
}

/** Where a message landed: Slack answers with the channel id even when posting to `#name`. */
export interface Posted {
  ts: string | null;
  channel: string;
}
export interface PostResult extends Posted {
  posted: boolean;
}

export interface Delivery {
  /** Posts unless `key` was claimed before; `posted: false` means it was a duplicate. */
  postOnce(key: string, kind: string, channel: string, message: SlackMessage): Promise<PostResult>;
  post(channel: string, message: SlackMessage): Promise<Posted>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}

/** A Web API client whose only retry is ours: 429s are surfaced, never silently re-sent. */
export function createSlackClient(
  token: string,
  slackApiUrl: string | undefined,
  logger: webApi.Logger,
): WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger,
  });
}

type SlackError = Error & { code?: string; retryAfter?: number };

export function createDelivery(opts: DeliveryOptions): Delivery {
  const gap = opts.minIntervalMs ?? 1100;
  const maxRetries = opts.maxRateLimitRetries ?? 5;
  // Pacing uses the real monotonic clock: the product clock may be pinned by BEDROCK_SPEND_NOW.
  const tails = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();

  function paced<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const run = async () => {
      const wait = (lastSent.get(channel) ?? Number.NEGATIVE_INFINITY) + gap - performance.now();
      if (wait > 0) await delay(wait);
      try {
        return await task();
      } finally {
        lastSent.set(channel, performance.now());
      }
    };
    const next = (tails.get(channel) ?? Promise.resolve()).then(run, run);
    tails.set(
      channel,
      next.catch(() => undefined),
    );
    return next;
  }

  async function withRateLimit<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const e = err as SlackError;
        if (e.code !== "slack_webapi_rate_limited_error" || attempt >= maxRetries) throw err;
        const seconds = e.retryAfter ?? 1;
        opts.log.warn(`slack: ${what} rate limited, retrying in ${seconds}s`);
        await delay(seconds * 1000);
      }
    }
  }

  const post = (channel: string, m: SlackMessage) =>
    paced(channel, () =>
      withRateLimit("chat.postMessage", async () => {
        const res = await opts.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
        return { ts: res.ts ?? null, channel: res.channel ?? channel };
      }),
    );

  return {
    post,
    async update(channel, ts, m) {
      await paced(channel, () =>
        withRateLimit("chat.update", () =>
          opts.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks }),
        ),
      );
    },
    async postOnce(key, kind, channel, m) {
      const at = () => opts.now().toISOString();
      if (!(await claimPost(opts.db, { key, kind, channel, at: at() })))
        return { posted: false, ts: null, channel };
      try {
        const sent = await post(channel, m);
        await markPosted(opts.db, key, sent, at());
        telemetry().count("slack_alerts_posted", { kind });
        return { posted: true, ...sent };
      } catch (err) {
        // Slack answered "no" (ok:false, or 429s beyond our patience): nothing was delivered, so a
        // later run may try again. Without an answer (timeout, reset) the post may have landed:
        // the claim stays and the alert is never re-sent.
        const code = (err as SlackError).code;
        if (code === "slack_webapi_platform_error" || code === "slack_webapi_rate_limited_error") {
          await releaseClaim(opts.db, key);
        }
        throw new AppError(`posting ${kind} to ${channel} failed: ${(err as Error).message}`, hintFor(err), {
          cause: err,
        });
      }
    },
  };
}

function hintFor(err: unknown): string | undefined {
  const data = (err as { data?: { error?: string } }).data;
  switch (data?.error) {
    case "not_in_channel":
    case "channel_not_found":
      return "invite the app to the channel (/invite @bedrock-spend) or fix slack.channel in the config";
    case "invalid_auth":
    case "not_authed":
      return "SLACK_BOT_TOKEN is invalid: copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page";
    default:
      return undefined;
  }
}
