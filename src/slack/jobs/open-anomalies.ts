import { activeMutes, listTriage, muteId } from "../../store/queries/slack.js";
import type { AnomalyView } from "../outputs.js";
import type { SlackDeps } from "../types.js";

/** Anomalies nobody has triaged (ack / expected / mute) and whose series is not muted. */
export async function openAnomalies(deps: SlackDeps, list: AnomalyView[], now: Date): Promise<AnomalyView[]> {
  const triaged = new Set(
    (await listTriage(deps.db)).filter((t) => t.state !== "open").map((t) => t.anomaly_id),
  );
  const mutes = await activeMutes(deps.db, now.toISOString());
  return list.filter((a) => !triaged.has(a.id) && !mutes.has(muteId(a.dimension, a.key)));
}
