import type { IncidentState } from "../../store/queries/slack-incidents.js";
import { addDays } from "../../util/dates.js";
import type { IncidentView, StoredIncident } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import { context, esc, figures, fitLimits, section, usd } from "./format.js";
import { billedSourceText, billedStatus } from "./incident-billing.js";
import { chainText, TRIAGE_BUTTONS, TRIAGE_TEXT } from "./incident-parts.js";

/**
 * The one message of an incident: posted once, then redrawn in place (chat.update) as hours are
 * added, when it ends and after a triage click. Pure: the incident and its triage in, Block Kit out.
 */

const HOUR_MS = 3_600_000;
const hourMs = (h: string) => Date.parse(h.endsWith(":00Z") ? `${h.slice(0, -1)}:00Z` : h);
const dayOf = (at: string) => at.slice(0, 10);

/** `07:00Z` on the incident's first day, `2026-11-27 02:00Z` on a later one. */
function hourText(h: string, firstDay: string): string {
  const clock = `${h.slice(11, 16)}Z`;
  return dayOf(h) === firstDay ? clock : `${dayOf(h)} ${clock}`;
}

function nextHour(h: string): string {
  return `${new Date(hourMs(h) + HOUR_MS).toISOString().slice(0, 13)}:00Z`;
}

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${usd(Math.abs(v))}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Ongoing since …, or resolved at …: the line an on-call engineer reads first. */
export function incidentStatus(i: IncidentView): { mrkdwn: string; plain: string } {
  const first = dayOf(i.start);
  if (i.granularity === "hour") {
    const n = i.hours.length;
    const since = hourText(i.start, first);
    if (i.end === null) {
      const plain = `ongoing since ${since} (${n} h so far)`;
      return { mrkdwn: `:red_circle: *Ongoing* since ${since} (${n} h so far)`, plain };
    }
    const resolved = hourText(nextHour(i.end), first);
    const plain = `resolved at ${resolved}`;
    return {
      mrkdwn: `:large_green_circle: *Resolved at ${resolved}* · lasted ${n} h (${since}–${resolved})`,
      plain,
    };
  }
  if (i.end === null)
    return { mrkdwn: `:red_circle: *Ongoing* since ${first}`, plain: `ongoing since ${first}` };
  if (i.end.length > 10) {
    // Whole days (billed) and then hours: it ended at the hour after its last anomalous one.
    const resolved = hourText(nextHour(i.end), first);
    return { mrkdwn: `:large_green_circle: *Resolved at ${resolved}*`, plain: `resolved at ${resolved}` };
  }
  const days = Math.round((Date.parse(i.end) - Date.parse(first)) / 86_400_000) + 1;
  const plain = `resolved: back to normal on ${addDays(i.end, 1)}`;
  return {
    mrkdwn: `:large_green_circle: *Resolved*: back to normal on ${addDays(i.end, 1)} · lasted ${plural(days, "day")}`,
    plain,
  };
}

function whenText(i: IncidentView): string {
  const first = dayOf(i.start);
  if (i.granularity === "day") {
    if (i.end === null) return `${first} → ongoing`;
    if (i.end.length > 10) return `${first} → ${hourText(nextHour(i.end), first)}`;
    return i.end !== first ? `${first} → ${i.end}` : first;
  }
  if (i.end === null) return `${first} ${hourText(i.start, first)} → ongoing`;
  return `${first} ${hourText(i.start, first)}–${hourText(nextHour(i.end), first)}`;
}

const SOURCE_TEXT = {
  estimated: "estimated (CloudWatch tokens × list price; the CUR bills it 1–2 days later)",
  billed: "billed (CUR)",
} as const;

function hoursLine(i: IncidentView): string | null {
  if (!i.hours.length) return null;
  const first = dayOf(i.start);
  const shown = i.hours
    .slice(0, 24)
    .map((h) => (h === i.peak ? `*${hourText(h, first)}* (peak)` : hourText(h, first)));
  const more = i.hours.length > 24 ? ` … +${i.hours.length - 24}` : "";
  return `*Hours* ${shown.join(" · ")}${more}`;
}

/** The title without a trailing "ongoing": the status line right under it says how long and since when. */
export const headline = (i: IncidentView) => i.title.replace(/,?\s*\(?ongoing\)?$/i, "");

/** The head of the message and its figures; once billed, what the CUR said replaces the estimate's. */
function headBlocks(i: StoredIncident): { blocks: Block[]; plain: string } {
  const status = incidentStatus(i);
  const b = i.billing;
  const settled = b ? billedStatus(b, status) : null;
  const below = b?.kind === "below_floor";
  const icon = below
    ? ":white_circle:"
    : i.direction === "spike"
      ? ":rotating_light:"
      : ":chart_with_downwards_trend:";
  const title = below ? `~${esc(headline(i))}~` : `*${esc(headline(i))}*`;
  const impact = b
    ? `${signed(b.impactUsd)} billed (estimated ${signed(b.estimatedImpactUsd)})`
    : `${signed(i.impactUsd)} (${usd(i.actualUsd)} vs ${usd(i.expectedUsd)} expected)`;
  const blocks = [
    section(`${icon} ${title}\n${settled?.mrkdwn ?? status.mrkdwn}`),
    figures([
      ["Impact", impact],
      ["When (UTC)", whenText(i)],
      ["Peak", i.granularity === "hour" ? hourText(i.peak, dayOf(i.start)) : i.peak],
      ["Source", b ? billedSourceText(b) : SOURCE_TEXT[i.source]],
    ]),
  ];
  return { blocks, plain: settled?.plain ?? status.plain };
}

export function incidentAlert(
  i: StoredIncident,
  state: IncidentState = "open",
  by: string | null = null,
): SlackMessage {
  const head = headBlocks(i);
  const blocks: Block[] = head.blocks;
  const lines = [`*Driver* ${chainText(i.driverChain)}`];
  const hours = hoursLine(i);
  if (hours) lines.push(hours);
  blocks.push(section(lines.join("\n")));
  if (state === "open")
    blocks.push({ type: "actions", block_id: "incident_triage", elements: TRIAGE_BUTTONS(i.id) });
  else blocks.push(context([`${TRIAGE_TEXT[state]}${by ? ` by <@${by}>` : ""}`]));
  const last = i.end ? dayOf(i.end) : dayOf(i.hours.at(-1) ?? i.start);
  const range = `--from ${dayOf(i.start)} --to ${last}`;
  blocks.push(
    context([
      `Incident ${esc(i.id)} · ${plural(i.anomalyIds.length, "anomaly", "anomalies")} (every view of the same event) · \`bedrock-spend report anomalies ${range}\``,
    ]),
  );
  return fitLimits({ text: `${headline(i)} — ${head.plain}`, blocks });
}
