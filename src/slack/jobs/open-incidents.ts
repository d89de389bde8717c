import { activeMutes } from "../../store/queries/slack.js";
import { incidentRows } from "../../store/queries/slack-incidents.js";
import type { IncidentView } from "../outputs.js";
import type { SlackDeps } from "../types.js";
import { incidentMuted } from "./incident-rules.js";

/** Incidents nobody has triaged (ack / expected / mute) and whose driver chain is not muted. */
export async function openIncidents(
  deps: SlackDeps,
  list: readonly IncidentView[],
  now: Date,
): Promise<IncidentView[]> {
  const rows = await incidentRows(
    deps.db,
    list.map((i) => i.id),
  );
  const mutes = await activeMutes(deps.db, now.toISOString());
  return list.filter((i) => (rows.get(i.id)?.state ?? "open") === "open" && !incidentMuted(i, mutes));
}
