import type { SlackMessage } from "../types.js";
import { context, esc, section } from "./format.js";

export const USAGE = [
  "`/bedrock-spend [today|yesterday|7d|30d|mtd|last-month] [by model|account|principal|tag:<key>|token_type]`",
  "`/bedrock-spend anomalies` · `budgets` · `idle` · `savings` · `status` · `help`",
].join("\n");

export function helpMessage(): SlackMessage {
  return {
    text: "bedrock-spend: how to ask",
    blocks: [
      section(`*Ask bedrock-spend*\n${USAGE}`),
      section(
        "Examples: `/bedrock-spend 7d by principal` · `/bedrock-spend yesterday by tag:team` · `/bedrock-spend last-month`",
      ),
      context(["Periods are UTC days: `today` so far, `7d` and `30d` end today, default is month to date."]),
    ],
  };
}

export function usageMessage(problem: string): SlackMessage {
  return {
    text: `Sorry, I could not answer that: ${problem}`,
    blocks: [section(`:warning: ${esc(problem)}\n${USAGE}`)],
  };
}

export function unavailableMessage(what: string): SlackMessage {
  const text = `\`${what}\` is not available in this build of bedrock-spend.`;
  return { text, blocks: [section(`${text} Try \`/bedrock-spend help\`.`)] };
}

export function refusalMessage(): SlackMessage {
  const text =
    "Sorry, bedrock-spend is not enabled for you in this channel. Ask your workspace admin to add it.";
  return { text, blocks: [section(text)] };
}

export function errorReply(message: string): SlackMessage {
  return { text: message, blocks: [section(`:x: ${esc(message)}`)] };
}
