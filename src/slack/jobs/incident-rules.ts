import { muteId } from "../../store/queries/slack.js";
import type { SlackIncidentRow } from "../../store/queries/slack-incidents.js";
import { addDays, isoDay } from "../../util/dates.js";
import { chainPrefixes } from "../blocks/incident-parts.js";
import { incidentAlert } from "../blocks/incidents.js";
import type { IncidentView, StoredIncident } from "../outputs.js";
import type { SlackMessage } from "../types.js";
import type { Alert } from "./alert-rules.js";

/**
 * Pure incident rules: ONE message per incident, claimed in the ledger by the incident id, posted
 * once; afterwards the same message is redrawn in place whenever what it shows changed (hours
 * added, ended, impact). An update never posts.
 */

export const incidentKey = (id: string) => `incident:${id}`;

/** Mutes live in slack_mute under this dimension, keyed by driver chain (blocks/incident-parts.ts). */
export const INCIDENT_MUTE_DIMENSION = "incident";

/** What the message shows that can change while the incident id stays the same. */
export function incidentFingerprint(i: StoredIncident): string {
  const shown: unknown[] = [i.end, i.hours, i.peak, Math.round(i.impactUsd), i.title];
  const b = i.billing;
  if (b) shown.push([b.kind, Math.round(b.impactUsd), Math.round(b.billedUsd)]);
  return JSON.stringify(shown);
}

/** Muted when its driver chain, or a broader chain it falls under, is muted. */
export function incidentMuted(i: IncidentView, mutes: ReadonlySet<string>): boolean {
  return chainPrefixes(i.driverChain).some((p) => mutes.has(muteId(INCIDENT_MUTE_DIMENSION, p)));
}

/**
 * Before incidents, each anomaly was alerted on its own (`anomaly:<id>`): an incident whose every
 * anomaly was alerted that way is already known to the channel and is not posted again.
 */
const alertedBefore = (i: IncidentView, posted: ReadonlySet<string>) =>
  i.anomalyIds.length > 0 && i.anomalyIds.every((id) => posted.has(`anomaly:${id}`));

/** How long after its last anomalous hour an estimated incident is still worth a first message. */
const ESTIMATED_NEWS_MS = 24 * 3600_000;
/** Billed days whose incidents are news: the CUR bills a day 1–2 days late, so that is when one is first seen. */
const BILLED_NEWS_DAYS = 3;

/**
 * Whether an incident deserves a first message: ongoing, or ended so recently that nobody could
 * have heard of it yet. Older ones were posted when they were new, or predate the bot (a first run
 * does not page anyone for last week's resolved events); the digest still lists them.
 */
export function isNews(i: IncidentView, now: Date, billedThrough: string | null): boolean {
  if (i.end === null) return true;
  const lastDay = i.end.slice(0, 10);
  // Billed rows without a known CUR delivery (nothing says when they arrived): told, not withheld.
  if (i.source === "billed")
    return billedThrough === null || lastDay > addDays(billedThrough, -BILLED_NEWS_DAYS);
  if (i.end.length > 10) return now.getTime() - Date.parse(i.end) <= ESTIMATED_NEWS_MS;
  return lastDay >= addDays(isoDay(now), -1);
}

/** Incidents never posted (no ledger key) and not muted: one alert each, largest impact first. */
export function incidentAlerts(
  incidents: readonly IncidentView[],
  mutes: ReadonlySet<string>,
  posted: ReadonlySet<string>,
): Alert[] {
  return incidents
    .filter((i) => !posted.has(incidentKey(i.id)) && !incidentMuted(i, mutes) && !alertedBefore(i, posted))
    .map((i) => ({
      key: incidentKey(i.id),
      kind: "incident" as const,
      message: incidentAlert(i),
      incident: i,
    }));
}

export interface IncidentUpdate {
  incident: IncidentView;
  message: SlackMessage;
  fingerprint: string;
}

/**
 * Incidents already posted whose message no longer shows what they are now. The triage outcome
 * stays on the message (an acknowledged incident that grows is redrawn acknowledged).
 */
export function incidentUpdates(
  incidents: readonly IncidentView[],
  posted: ReadonlySet<string>,
  rows: ReadonlyMap<string, SlackIncidentRow>,
): IncidentUpdate[] {
  const out: IncidentUpdate[] = [];
  for (const i of incidents) {
    if (!posted.has(incidentKey(i.id))) continue;
    const row = rows.get(i.id);
    const fingerprint = incidentFingerprint(i);
    if (row?.fingerprint === fingerprint) continue;
    out.push({ incident: i, message: incidentAlert(i, row?.state, row?.updated_by ?? null), fingerprint });
  }
  return out;
}
