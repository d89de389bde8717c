import { expect } from "vitest";
import type { SlackMessage } from "../../src/slack/types.js";

/** Checks Slack's documented limits on a message (https://api.slack.com/reference/block-kit/blocks). */
export function expectWithinSlackLimits(m: SlackMessage) {
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  for (const b of m.blocks) {
    const json = b as {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
      elements?: unknown[];
    };
    if (b.type === "section" && json.text) expect(json.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === "header" && json.text) expect(json.text.text.length).toBeLessThanOrEqual(150);
    for (const fld of json.fields ?? []) expect(fld.text.length).toBeLessThanOrEqual(2000);
    if (json.fields) expect(json.fields.length).toBeLessThanOrEqual(10);
    if (b.type === "context") expect(json.elements?.length).toBeLessThanOrEqual(10);
  }
}
