import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { getTriage, muteKey, setTriageState } from "../../../store/queries/slack.js";
import { isAllowed } from "../../access.js";
import { anomalyAlert, TRIAGE_ACTIONS, type TriageAction } from "../../blocks/anomalies.js";
import { refusalMessage } from "../../blocks/help.js";
import { anomalyView } from "../../outputs.js";
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
    const row = await getTriage(deps.db, action.value ?? "");
    if (!row) {
      const text = `Anomaly ${action.value} is unknown to this bedrock-spend store.`;
      await respond({ response_type: "ephemeral", replace_original: false, text });
      return;
    }
    const now = deps.now();
    await setTriageState(deps.db, row.anomaly_id, state, user, now.toISOString());
    if (state === "muted") {
      const until = new Date(now.getTime() + MUTE_MS).toISOString();
      await muteKey(deps.db, {
        dimension: row.dimension,
        key: row.key,
        until,
        by: user,
        at: now.toISOString(),
      });
    }
    const message = anomalyAlert(anomalyView.parse(JSON.parse(row.anomaly_json)), state, user);
    const channel = body.channel?.id ?? row.channel;
    const ts = body.message?.ts ?? row.ts;
    if (channel && ts) await deps.delivery.update(channel, ts, message);
    else await respond({ replace_original: true, text: message.text, blocks: message.blocks });
  };
}
