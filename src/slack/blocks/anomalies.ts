import type { TriageState } from "../../store/queries/slack.js";
import { addDays } from "../../util/dates.js";
import type { AnomaliesView, AnomalyView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import { context, esc, figures, fitLimits, header, LATE_DATA, section, seriesLabel, usd } from "./format.js";
import { GAP_SOURCE_TEXT, gapWhere, sinceText } from "./gaps.js";
import { headline, incidentStatus } from "./incidents.js";

/** Button action ids (docs/architecture.md §6 Slack). The button value is the anomaly id. */
export const TRIAGE_ACTIONS = { ack: "acknowledged", expected: "expected", mute_7d: "muted" } as const;
export type TriageAction = keyof typeof TRIAGE_ACTIONS;

const when = (a: AnomalyView) => (a.granularity === "hour" && a.hour ? a.hour : a.date);
const signed = (v: number) => `${v >= 0 ? "+" : "-"}${usd(Math.abs(v))}`;

/**
 * `/bedrock-spend anomalies`: the incidents of the period (each event once, however many series
 * show it) and the data gaps, which are no data rather than $0; single anomalies stay in the CLI.
 */
export function anomaliesMessage(out: AnomaliesView, range: { from: string; to: string }): SlackMessage {
  const incidents = [...out.incidents].sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  const impact = incidents.reduce((s, i) => s + i.impactUsd, 0);
  const blocks: Block[] = [
    header(`Bedrock incidents · ${range.from} → ${range.to}`),
    figures([
      ["Incidents", String(incidents.length)],
      ["Net impact", signed(impact)],
      ["Data gaps", String(out.dataGaps.length)],
      ["Anomalies (all views)", String(out.anomalies.length)],
    ]),
  ];
  // Days after the last one with cost data were not evaluated: never "normal" (absent: not reported).
  const through = out.evaluatedThrough ? out.evaluatedThrough.day : range.to;
  const unevaluated = through === null ? range.from : through < range.to ? addDays(through, 1) : null;
  if (incidents.length) {
    const lines = incidents.slice(0, 15).map((i) => `• *${esc(headline(i))}* — ${incidentStatus(i).plain}`);
    if (incidents.length > 15) lines.push(`… and ${incidents.length - 15} more`);
    blocks.push(section(lines.join("\n")));
  } else if (through === null)
    blocks.push(section("_No cost data for these days yet: nothing to evaluate._"));
  else if (unevaluated) blocks.push(section(`_No incidents through ${through}._`));
  else blocks.push(section("_No incidents: spend looks normal._"));
  if (unevaluated && through !== null)
    blocks.push(
      section(
        `*Not evaluated*: ${unevaluated === range.to ? unevaluated : `${unevaluated} → ${range.to}`} — no cost data yet, so spend there is unknown, not $0. ${LATE_DATA}`,
      ),
    );
  if (out.dataGaps.length) {
    const gaps = out.dataGaps
      .slice(0, 10)
      .map(
        (g) =>
          `• No ${GAP_SOURCE_TEXT[g.source]} for ${esc(gapWhere(g))} since ${esc(sinceText(g.since))} — _${esc(g.fix)}_`,
      );
    blocks.push(section(`*Data gaps*: spend there is unknown, not $0\n${gaps.join("\n")}`));
  }
  blocks.push(
    context([
      `Spikes and drops against each series' own baseline (UTC), one incident per event · every anomaly: \`bedrock-spend report anomalies --from ${range.from} --to ${range.to}\``,
    ]),
  );
  const n = out.dataGaps.length;
  const gapText = n ? `, ${n} data gap${n === 1 ? "" : "s"}` : "";
  const unknownText = unevaluated ? `, no cost data ${through === null ? "yet" : `after ${through}`}` : "";
  return fitLimits({
    text: `${incidents.length} Bedrock spend incident${incidents.length === 1 ? "" : "s"}, net impact ${signed(impact)}${gapText}${unknownText}`,
    blocks,
  });
}

const STATE_TEXT: Record<Exclude<TriageState, "open">, string> = {
  acknowledged: ":white_check_mark: Acknowledged",
  expected: ":ok_hand: Marked expected",
  muted: ":no_bell: Muted for 7 days",
};

const DIMENSION_ORDER = ["total", "account", "region", "model", "principal"];
const rank = (d: string) => {
  const i = DIMENSION_ORDER.indexOf(d);
  return i < 0 ? DIMENSION_ORDER.length : i;
};

/** One spike seen in several dimensions: the total first, then the broadest slices, larger first. */
export function orderAnomalyGroup(list: readonly AnomalyView[]): AnomalyView[] {
  return [...list].sort(
    (a, b) =>
      rank(a.dimension) - rank(b.dimension) ||
      Math.abs(b.impactUsd) - Math.abs(a.impactUsd) ||
      a.id.localeCompare(b.id),
  );
}

const series = (d: { dimension: string; key: string | null }) =>
  `${esc(d.dimension)} \`${esc(seriesLabel(d.dimension, d.key))}\``;
const numbers = (a: AnomalyView) =>
  `${usd(a.actualUsd)} vs ${usd(a.expectedUsd)} expected (${signed(a.impactUsd)}, score ${a.score.toFixed(1)})`;

function groupLines(group: AnomalyView[]): string[] {
  const [a] = group;
  const icon = a.direction === "spike" ? ":rotating_light:" : ":chart_with_downwards_trend:";
  if (group.length === 1)
    return [`${icon} *Bedrock spend ${a.direction}* on ${series(a)} (${when(a)})`, numbers(a)];
  return [
    `${icon} *Bedrock spend ${a.direction}* on ${when(a)}, seen in ${group.length} series`,
    ...group.slice(0, 10).map((x) => `• ${x.dimension === "total" ? "*total*" : series(x)}: ${numbers(x)}`),
  ];
}

/** Drivers of the group, each series once (the lead's first, then the others' new ones). */
function groupDrivers(group: AnomalyView[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of group.flatMap((a) => a.drivers)) {
    const id = `${d.dimension}\u0000${d.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(`• ${series(d)} ${signed(d.impactUsd)}`);
  }
  return out.slice(0, 5);
}

/** The alert for one anomaly: buttons while open, the triage outcome once someone clicked. */
export function anomalyAlert(
  a: AnomalyView,
  state: TriageState = "open",
  by: string | null = null,
): SlackMessage {
  return anomalyGroupAlert([a], state, by);
}

/**
 * ONE alert for the anomalies of one day/hour and direction (a spike shows up in the total, its
 * model, account, principal and region at once). The buttons carry the lead id; triage applies to
 * every anomaly posted in the message.
 */
export function anomalyGroupAlert(
  list: readonly AnomalyView[],
  state: TriageState = "open",
  by: string | null = null,
): SlackMessage {
  const group = orderAnomalyGroup(list);
  const a = group[0];
  const lines = groupLines(group);
  const drivers = groupDrivers(group);
  if (drivers.length) lines.push(`*Drivers*\n${drivers.join("\n")}`);
  const blocks: Block[] = [section(lines.join("\n"))];
  if (state === "open") {
    blocks.push({
      type: "actions",
      block_id: "triage",
      elements: [
        { type: "button", action_id: "ack", text: { type: "plain_text", text: "Acknowledge" }, value: a.id },
        {
          type: "button",
          action_id: "expected",
          text: { type: "plain_text", text: "Expected" },
          value: a.id,
        },
        {
          type: "button",
          action_id: "mute_7d",
          text: { type: "plain_text", text: "Mute 7 days" },
          value: a.id,
        },
      ],
    });
  } else blocks.push(context([`${STATE_TEXT[state]}${by ? ` by <@${by}>` : ""}`]));
  const more = group.length > 1 ? ` (+${group.length - 1} more in this message)` : "";
  blocks.push(context([`Source: ${a.source} · anomaly ${esc(a.id)}${more}`]));
  const where = group.length > 1 ? `${when(a)} in ${group.length} series, ` : "";
  const text = `Bedrock spend ${a.direction} ${where}on ${a.dimension} ${seriesLabel(a.dimension, a.key)}: ${usd(a.actualUsd)} vs ${usd(a.expectedUsd)} expected`;
  return fitLimits({ text, blocks });
}
