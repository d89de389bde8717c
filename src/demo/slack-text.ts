import type { Block, SlackMessage } from "../slack/types.js";

type TextObject = { text?: string };

/** Slack mrkdwn to terminal text: unescape entities, drop code fences and bold markers. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/```/g, "")
    .replace(/\*([^*\n]+)\*/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function blockText(b: Block): string[] {
  const block = b as unknown as {
    type: string;
    text?: TextObject;
    fields?: TextObject[];
    elements?: (TextObject & { type?: string })[];
  };
  switch (block.type) {
    case "header":
      return [`# ${block.text?.text ?? ""}`];
    case "divider":
      return ["────"];
    case "section": {
      const fields = (block.fields ?? []).map((f) => plain(f.text ?? "").replace("\n", ": "));
      return [...(block.text?.text ? [plain(block.text.text)] : []), ...fields];
    }
    case "context":
      return [(block.elements ?? []).map((e) => plain(e.text ?? "")).join("  ·  ")];
    case "actions":
      return [
        `[${(block.elements ?? []).map((e) => plain((e.text as TextObject | undefined)?.text ?? "")).join("] [")}]`,
      ];
    default:
      return [];
  }
}

/** A Block Kit message as it would read in Slack, in plain text (buttons shown in brackets). */
export function slackText(message: SlackMessage): string {
  const lines = message.blocks.flatMap(blockText).filter((l) => l.length > 0);
  return `${(lines.length ? lines : [message.text]).join("\n")}\n`;
}
