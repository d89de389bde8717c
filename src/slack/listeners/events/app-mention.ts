import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { isAllowed } from "../../access.js";
import { answerCommand } from "../../answers.js";
import { refusalMessage } from "../../blocks/help.js";
import type { ListenerDeps } from "../types.js";

/**
 * `@bedrock-spend 7d by model` in a channel answers like the slash command. The event id is the
 * ledger key: Slack re-delivers events it thinks we missed, and those must not post again.
 */
export function appMention(deps: ListenerDeps) {
  return async function appMention({
    event,
    body,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs) {
    const text = (event.text ?? "").replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, " ").trim();
    const answer = isAllowed(deps.config.slack, { channelId: event.channel, userId: event.user })
      ? (await answerCommand(deps, text)).message
      : refusalMessage();
    await deps.delivery.postOnce(`event:${body.event_id}`, "mention", event.channel, answer);
  };
}
