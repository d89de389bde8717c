import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { isAllowed } from "../../access.js";
import { answerCommand } from "../../answers.js";
import { refusalMessage } from "../../blocks/help.js";
import type { ListenerDeps } from "../types.js";

/**
 * `/bedrock-spend …`: ack at once (Slack gives 3 s), then answer through response_url, which
 * stays valid for 30 minutes (https://api.slack.com/interactivity/handling#message_responses).
 */
export function bedrockSpendCommand(deps: ListenerDeps) {
  return async function bedrockSpendCommand({
    ack,
    command,
    respond,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    await ack();
    // Queries are synchronous (better-sqlite3): let the ack's HTTP response go out first.
    await new Promise((resolve) => setImmediate(resolve));
    if (!isAllowed(deps.config.slack, { channelId: command.channel_id, userId: command.user_id })) {
      await respond({ response_type: "ephemeral", ...refusalMessage() });
      return;
    }
    const answer = await answerCommand(deps, command.text ?? "");
    await respond({
      response_type: answer.ephemeral ? "ephemeral" : "in_channel",
      text: answer.message.text,
      blocks: answer.message.blocks,
    });
  };
}
