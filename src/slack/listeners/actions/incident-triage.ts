import { muteKey, setTriageState } from "../../../store/queries/slack.js";
import {
  type IncidentState,
  type SlackIncidentRow,
  saveIncidentRow,
} from "../../../store/queries/slack-incidents.js";
import { incidentAlert } from "../../blocks/incidents.js";
import { INCIDENT_MUTE_DIMENSION } from "../../jobs/incident-rules.js";
import type { StoredIncident } from "../../outputs.js";
import type { SlackMessage } from "../../types.js";
import type { ListenerDeps } from "../types.js";

const MUTE_MS = 7 * 86_400_000;

/**
 * A click on an incident's message: the state applies to the incident and to every anomaly in
 * it; "Mute 7 days" mutes its driver chain (and the narrower chains under it).
 */
export async function triageIncident(
  deps: ListenerDeps,
  row: SlackIncidentRow,
  state: Exclude<IncidentState, "open">,
  user: string,
): Promise<SlackMessage> {
  const now = deps.now();
  const at = now.toISOString();
  // Written by run-alerts from detect_anomalies' own output (jobs/record.ts), so it has that type.
  const incident = JSON.parse(row.incident_json) as StoredIncident;
  await saveIncidentRow(deps.db, { ...row, state, updated_by: user, updated_at: at });
  for (const id of incident.anomalyIds) await setTriageState(deps.db, id, state, user, at);
  if (state === "muted")
    await muteKey(deps.db, {
      dimension: INCIDENT_MUTE_DIMENSION,
      key: row.mute_key,
      until: new Date(now.getTime() + MUTE_MS).toISOString(),
      by: user,
      at,
    });
  return incidentAlert(incident, state, user);
}
