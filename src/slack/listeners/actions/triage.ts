import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { muteKey, setTriageState, triageGroup } from "../../../store/queries/slack.js";
import { isAllowed } from "../../access.js";
import { anomalyGroupAlert, TRIAGE_ACTIONS, type TriageAction } from "../../blocks/anomalies.js";
import { refusalMessage } from "../../blocks/help.js";
import type { AnomalyView } from "../../outputs.js";
import type { ListenerDeps } from "../types.js";

const MUTE_MS = 7 * 86_400_000;

/** Buttons on an anomaly alert: store the triage (and the mute), then redraw the message. */
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
    // A grouped alert: the button carries the lead id; the click applies to the whole message.
    const group = await triageGroup(deps.db, action.value ?? "");
    const row = group.find((r) => r.anomaly_id === action.value);
    if (!row) {
      const text = `Anomaly ${action.value} is unknown to this bedrock-spend store.`;
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
