import { addDays, addMonths, isoDay, monthEnd } from "../util/dates.js";

/**
 * The slash command grammar (docs/architecture.md §6 Slack), parsed without I/O:
 *   /bedrock-spend [today|yesterday|7d|30d|mtd|last-month] [by model|account|principal|tag:<k>|token_type]
 *   /bedrock-spend anomalies | budgets | idle | savings | status | help
 * Periods are UTC days; `today` is so far, `7d`/`30d` end today. The spend input produced here is
 * validated afterwards with the capability's own input schema.
 */

export const PERIODS = ["today", "yesterday", "7d", "30d", "mtd", "last-month"] as const;
export type Period = (typeof PERIODS)[number];
export const GROUPS = ["model", "account", "principal", "token_type", "region", "day"] as const;
export const SIMPLE = ["anomalies", "budgets", "idle", "savings", "status", "help"] as const;
export type SimpleKind = (typeof SIMPLE)[number];

export type ParsedCommand =
  | { kind: "spend"; period: Period; input: { from: string; to: string; groupBy: string[] } }
  | { kind: SimpleKind }
  | { kind: "usage"; problem: string };

const ALIASES: Record<string, string> = { "token-type": "token_type", tokens: "token_type", models: "model" };

export function periodRange(period: Period, now: Date): { from: string; to: string } {
  const today = isoDay(now);
  switch (period) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "mtd":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "last-month": {
      const m = addMonths(today.slice(0, 7), -1);
      return { from: `${m}-01`, to: monthEnd(m) };
    }
  }
}

function parseGroup(raw: string | undefined): { group?: string; problem?: string } {
  if (raw === undefined) return { problem: '"by" needs a dimension, e.g. "by model"' };
  const g = ALIASES[raw] ?? raw;
  if ((GROUPS as readonly string[]).includes(g)) return { group: g };
  if (/^tag:[^\s]+$/.test(raw)) return { group: raw };
  return { problem: `unknown dimension "${raw}" after "by" (use ${GROUPS.join(", ")} or tag:<key>)` };
}

export function parseCommandText(text: string, now: Date): ParsedCommand {
  // Tag keys are case-sensitive in AWS; everything else is matched case-insensitively.
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lower = words.map((w) =>
    w.toLowerCase().startsWith("tag:") ? `tag:${w.slice(4)}` : w.toLowerCase(),
  );
  const first = lower[0];
  if (first && (SIMPLE as readonly string[]).includes(first)) {
    if (lower.length > 1) return { kind: "usage", problem: `unexpected "${words[1]}" after "${first}"` };
    return { kind: first as SimpleKind };
  }
  let period: Period = "mtd";
  let i = 0;
  if (first && (PERIODS as readonly string[]).includes(first)) {
    period = first as Period;
    i = 1;
  }
  let groupBy = ["model"];
  if (lower[i] === "by") {
    const { group, problem } = parseGroup(lower[i + 1]);
    if (problem) return { kind: "usage", problem };
    groupBy = [group as string];
    i += 2;
  }
  if (i < lower.length) {
    const w = words[i];
    const problem =
      i === 0
        ? `unknown period or command "${w}" (periods: ${PERIODS.join(", ")}; commands: ${SIMPLE.join(", ")})`
        : `unexpected "${w}"`;
    return { kind: "usage", problem };
  }
  return { kind: "spend", period, input: { ...periodRange(period, now), groupBy } };
}
