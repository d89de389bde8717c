import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../../util/log.js";

/**
 * Slack re-sends an event (X-Slack-Retry-Num) when our 200 came late or not at all
 * (https://api.slack.com/apis/events-api#retries). The first delivery already did the work, so a
 * retry is acknowledged (Bolt acks events before middleware) and dropped here.
 */
export function skipSlackRetries(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async function skipSlackRetries({ context, next }) {
    if (context.retryNum) {
      log.debug(`slack: ignoring retry ${context.retryNum} (${context.retryReason ?? "no reason"})`);
      return;
    }
    await next();
  };
}
