import { hasEstimates } from "../../capabilities/spend-format.js";
import { alignedTable, type Cell, formatUsd } from "../../util/table.js";
import type { ProvenanceView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";

/** Small pure Block Kit helpers. Limits: https://api.slack.com/reference/block-kit/blocks */
export const LIMITS = { blocks: 50, sectionText: 3000, field: 2000, header: 150, contextElements: 10 };

/** Slack mrkdwn needs only &, < and > escaped (https://api.slack.com/reference/surfaces/formatting). */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Shortens in the middle so both the start and the end (often an account id) stay readable. */
export function clipMiddle(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (max - 1 - head))}`;
}

/**
 * What a missing key means, by dimension: spend without a principal (provisioned hours, estimates
 * no log attributes) or without a tag is real spend, and "(none)" read like "nothing".
 */
export function missingKeyLabel(dimension: string): string {
  if (dimension === "total") return "all Bedrock";
  if (dimension === "principal") return "(no principal)";
  if (dimension.startsWith("tag:")) return "(untagged)";
  return "(none)";
}

/** How a series key reads: "" is the total (or an unattributed slice). */
export function seriesLabel(dimension: string, key: string | null): string {
  return key || missingKeyLabel(dimension);
}

export function header(text: string): Block {
  return { type: "header", text: { type: "plain_text", text: clip(text, LIMITS.header), emoji: true } };
}

export function section(mrkdwn: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: clip(mrkdwn, LIMITS.sectionText) } };
}

/** Key figures as a two-column section (at most 10 fields). */
export function figures(pairs: [string, string][]): Block {
  return {
    type: "section",
    fields: pairs
      .slice(0, 10)
      .map(([k, v]) => ({ type: "mrkdwn", text: clip(`*${esc(k)}*\n${v}`, LIMITS.field) })),
  };
}

export function context(parts: string[]): Block {
  return {
    type: "context",
    elements: parts
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: "mrkdwn", text: clip(t, LIMITS.field) })),
  };
}

export const divider: Block = { type: "divider" };

/** A compact aligned table in a code block; rows past the limit are cut so the section fits. */
export function codeTable(headers: string[], rows: Cell[][]): Block {
  let text = alignedTable(headers, rows);
  const budget = LIMITS.sectionText - 8;
  if (text.length > budget) {
    const lines = text.split("\n");
    while (lines.join("\n").length > budget - 20) lines.pop();
    text = `${lines.join("\n")}\n… ${rows.length - (lines.length - 2)} more rows`;
  }
  return section(`\`\`\`${esc(text)}\`\`\``);
}

const SPARKS = "▁▂▃▄▅▆▇█";
/** One character per value, scaled between the series' min and max. */
export function sparkline(values: number[]): string {
  if (!values.length) return "";
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values
    .map((v) => SPARKS[max === min ? (max === 0 ? 0 : 3) : Math.round(((v - min) / (max - min)) * 7)])
    .join("");
}

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
/** A horizontal bar of up to `width` characters, in eighths of a character. */
export function bar(value: number, max: number, width = 12): string {
  if (max <= 0 || value <= 0) return "";
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

export function usd(v: number | null | undefined): string {
  return formatUsd(v);
}

export function pct(fraction: number | null | undefined, digits = 0): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(digits)}%`;
}

function instant(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** Why recent days can have no cost data yet, and what fills them. */
export const LATE_DATA =
  "The CUR arrives a day or two late; CloudWatch token metrics estimate the days in between once `collect` gathers them.";

/** A warning line from a summary clause (`no cost data after …`): icon, the clause as a sentence, why. */
export function notice(icon: string, clause: string, why?: string): Block {
  const sentence = `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
  return section(`${icon} ${esc(sentence)}${why ? ` ${why}` : ""}`);
}

/** The provenance context line: billed through, estimated since, last collected. */
export function provenanceLine(p: ProvenanceView): string {
  return [
    `Source: ${p.source}`,
    `billed through ${p.billedThrough ?? "—"}`,
    hasEstimates(p) ? `estimated since ${p.estimatedFrom}` : "nothing estimated",
    `last collected ${p.lastCollectedAt ? instant(p.lastCollectedAt) : "never"}`,
  ].join(" · ");
}

/** Keeps a message inside Slack's limits: at most 50 blocks (the last one says what was cut). */
export function fitLimits(message: SlackMessage): SlackMessage {
  if (message.blocks.length <= LIMITS.blocks) return message;
  const kept = message.blocks.slice(0, LIMITS.blocks - 1);
  const cut = message.blocks.length - kept.length;
  return { ...message, blocks: [...kept, context([`… ${cut} more blocks not shown`])] };
}
