import type { IncidentState } from "../../store/queries/slack-incidents.js";
import type { IncidentView } from "../outputs.js";
import type { Block } from "../types.js";
import { clipMiddle, esc } from "./format.js";
import { rowLabel } from "./spend.js";

type Link = IncidentView["driverChain"][number];
type ActionsBlock = Extract<Block, { type: "actions" }>;

/**
 * How one link reads: its label when the label already names the key (`prod (111111111111)`) or
 * is a principal's short name, `label (key)` otherwise, and an unlabelled principal by role and session.
 */
export function linkText(l: Link): string {
  const label = l.label && l.label !== l.key ? l.label : null;
  if (label && (label.includes(l.key) || l.dimension === "principal")) return clipMiddle(label, 80);
  if (label) return `${clipMiddle(label, 60)} (${l.key})`;
  if (l.dimension === "principal") return clipMiddle(rowLabel({ principal: l.key }, "principal"), 80);
  return clipMiddle(l.key, 80);
}

/** model `Claude Sonnet 4.6` → account `prod (111111111111)` → region `us-east-1`. */
export function chainText(chain: readonly Link[]): string {
  if (!chain.length) return "_all Bedrock spend (no narrower driver)_";
  return chain.map((l) => `${esc(l.dimension)} \`${esc(linkText(l))}\``).join(" → ");
}

/**
 * What "Mute 7 days" mutes: the incident's driver chain. A later incident whose chain starts with
 * it (the same series or a narrower one) stays quiet; a broader one does not.
 */
export function chainKey(chain: readonly Link[]): string {
  return chain.map((l) => `${l.dimension}=${l.key}`).join(" > ");
}

/** Every prefix of the chain: the mutes that silence an incident with this chain. */
export function chainPrefixes(chain: readonly Link[]): string[] {
  return chain.map((_, i) => chainKey(chain.slice(0, i + 1)));
}

export const TRIAGE_TEXT: Record<Exclude<IncidentState, "open">, string> = {
  acknowledged: ":white_check_mark: Acknowledged",
  expected: ":ok_hand: Marked expected",
  muted: ":no_bell: Muted for 7 days",
};

/** The three buttons; the value is the incident id, so a click applies to the whole incident. */
export function TRIAGE_BUTTONS(id: string): ActionsBlock["elements"] {
  const button = (action_id: string, text: string) => ({
    type: "button" as const,
    action_id,
    text: { type: "plain_text" as const, text },
    value: id,
  });
  return [button("ack", "Acknowledge"), button("expected", "Expected"), button("mute_7d", "Mute 7 days")];
}
