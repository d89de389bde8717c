import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { muteKey, postedMessage, setTriageState, triageGroup } from "../../../store/queries/slack.js";
import { getIncidentRow } from "../../../store/queries/slack-incidents.js";
import { isAllowed } from "../../access.js";
import { anomalyGroupAlert, TRIAGE_ACTIONS, type TriageAction } from "../../blocks/anomalies.js";
import { refusalMessage } from "../../blocks/help.js";
import { incidentKey } from "../../jobs/incident-rules.js";
import type { AnomalyView } from "../../outputs.js";
import type { ListenerDeps } from "../types.js";
import { triageIncident } from "./incident-triage.js";

const MUTE_MS = 7 * 86_400_000;

/** Buttons on an incident (or an older anomaly) alert: store the triage (and the mute), then redraw the message. */
export function triageAction(deps: ListenerDeps) {
  return async function triageAction({
    ack,
    action,
    body,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const user = body.user.id;
    if (!isAllowed(deps.config.slack, { channelId: body.channel?.id, userId: user })) {
      await respond({ response_type: "ephemeral", replace_original: false, ...refusalMessage() });
      return;
    }
    const state = TRIAGE_ACTIONS[action.action_id as TriageAction];
    const incident = await getIncidentRow(deps.db, action.value ?? "");
    if (incident) {
      const message = await triageIncident(deps, incident, state, user);
      const where =
        body.channel?.id && body.message?.ts ? { channel: body.channel.id, ts: body.message.ts } : null;
      const at = where ?? (await postedMessage(deps.db, incidentKey(incident.incident_id)));
      if (at) await deps.delivery.update(at.channel, at.ts, message);
      else await respond({ replace_original: true, text: message.text, blocks: message.blocks });
      return;
    }
    // A message posted before incidents (one per anomaly group): the button carries the lead
    // anomaly id and the click applies to every anomaly of that message.
    const group = await triageGroup(deps.db, action.value ?? "");
    const row = group.find((r) => r.anomaly_id === action.value);
    if (!row) {
      const text = `The incident or anomaly ${action.value} is unknown to this bedrock-spend store.`;
      await respond({ response_type: "ephemeral", replace_original: false, text });
      return;
    }
    const now = deps.now();
    const until = new Date(now.getTime() + MUTE_MS).toISOString();
    for (const r of group) {
      await setTriageState(deps.db, r.anomaly_id, state, user, now.toISOString());
      if (state === "muted")
        await muteKey(deps.db, {
          dimension: r.dimension,
          key: r.key,
          until,
          by: user,
          at: now.toISOString(),
        });
    }
    // Written by runAlerts from the tool's own output (alerts.ts), so it has that type.
    const views = group.map((r) => JSON.parse(r.anomaly_json) as AnomalyView);
    const message = anomalyGroupAlert(views, state, user);
    const channel = body.channel?.id ?? row.channel;
    const ts = body.message?.ts ?? row.ts;
    if (channel && ts) await deps.delivery.update(channel, ts, message);
    else await respond({ replace_original: true, text: message.text, blocks: message.blocks });
  };
}
