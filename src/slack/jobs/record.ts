import { postedKeys, postedMessage, recordAnomalyPosted, setTriageState } from "../../store/queries/slack.js";
import {
  getIncidentRow,
  type IncidentState,
  openGapRows,
  recordGapClosed,
  recordGapOpened,
  saveIncidentRow,
} from "../../store/queries/slack-incidents.js";
import { chainKey } from "../blocks/incident-parts.js";
import type { Posted } from "../delivery.js";
import type { AnomalyView, DataGapView, IncidentView } from "../outputs.js";
import type { Alert } from "./alert-rules.js";
import { gapKey, rowWhere, sameGap } from "./gap-rules.js";
import { type IncidentUpdate, incidentFingerprint, incidentKey } from "./incident-rules.js";
import type { JobDeps } from "./types.js";

/** What run-alerts writes after Slack answered: incident and gap state, triage rows per anomaly. */

/** Every anomaly of the incident gets a triage row pointing at the incident's message. */
async function recordAnomalies(
  deps: JobDeps,
  i: IncidentView,
  all: readonly AnomalyView[],
  at: Posted,
  state: IncidentState,
  now: Date,
): Promise<void> {
  const ids = new Set(i.anomalyIds);
  for (const a of all.filter((x) => ids.has(x.id))) {
    await recordAnomalyPosted(deps.db, {
      anomalyId: a.id,
      dimension: a.dimension,
      key: a.key ?? "",
      json: JSON.stringify(a),
      channel: at.channel,
      ts: at.ts,
      at: now.toISOString(),
    });
    if (state !== "open") await setTriageState(deps.db, a.id, state, null, now.toISOString());
  }
}

async function saveIncident(deps: JobDeps, i: IncidentView, now: Date): Promise<void> {
  await saveIncidentRow(deps.db, {
    incident_id: i.id,
    incident_json: JSON.stringify(i),
    fingerprint: incidentFingerprint(i),
    mute_key: chainKey(i.driverChain),
    updated_at: now.toISOString(),
  });
}

function gapRow(g: DataGapView, now: Date) {
  return {
    gap_id: g.id,
    account: g.account,
    region: g.region ?? "",
    source: g.source,
    gap_json: JSON.stringify(g),
    opened_at: now.toISOString(),
  };
}

export async function recordPosted(
  deps: JobDeps,
  alert: Alert,
  sent: Posted,
  anomalies: readonly AnomalyView[],
  now: Date,
): Promise<void> {
  if (alert.incident) {
    await saveIncident(deps, alert.incident, now);
    await recordAnomalies(deps, alert.incident, anomalies, sent, "open", now);
  }
  if (alert.gap?.state === "opened") await recordGapOpened(deps.db, gapRow(alert.gap.gap, now));
  if (alert.gap?.state === "closed") await recordGapClosed(deps.db, alert.gap.gap.id, now.toISOString());
}

/**
 * Redraws one incident's message where it is. A claim without a ts (the post's answer was lost)
 * is left alone: the message may exist, and re-posting could duplicate it.
 */
export async function applyUpdate(
  deps: JobDeps,
  u: IncidentUpdate,
  anomalies: readonly AnomalyView[],
  now: Date,
): Promise<string | null> {
  const key = incidentKey(u.incident.id);
  const at = await postedMessage(deps.db, key);
  if (!at) {
    deps.log.debug(`slack: ${key} has no message ts (its post was never confirmed): not updated`);
    return null;
  }
  await deps.delivery.update(at.channel, at.ts, u.message);
  const state = (await getIncidentRow(deps.db, u.incident.id))?.state ?? "open";
  await saveIncident(deps, u.incident, now);
  await recordAnomalies(deps, u.incident, anomalies, at, state, now);
  return key;
}

/**
 * Notices posted whose row was not written (the process died in between): a gap announced is
 * open, a gap whose close notice went out is closed — so neither notice is ever due again.
 */
export async function repairGapRows(deps: JobDeps, gaps: readonly DataGapView[], now: Date): Promise<void> {
  const posted = await postedKeys(deps.db, "gap:");
  const openRows = await openGapRows(deps.db);
  const open = openRows.map(rowWhere);
  for (const g of gaps)
    if (posted.has(gapKey("open", g.id)) && !open.some((w) => sameGap(w, g)))
      await recordGapOpened(deps.db, gapRow(g, now));
  for (const r of openRows)
    if (posted.has(gapKey("closed", r.gap_id))) await recordGapClosed(deps.db, r.gap_id, now.toISOString());
}
