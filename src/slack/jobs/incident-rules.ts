import { muteId } from "../../store/queries/slack.js";
import type { SlackIncidentRow } from "../../store/queries/slack-incidents.js";
import { chainPrefixes } from "../blocks/incident-parts.js";
import { incidentAlert } from "../blocks/incidents.js";
import type { IncidentView } from "../outputs.js";
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
export function incidentFingerprint(i: IncidentView): string {
  return JSON.stringify([i.end, i.hours, i.peak, Math.round(i.impactUsd), i.title]);
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
