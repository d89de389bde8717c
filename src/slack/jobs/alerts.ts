import { errorMessage } from "../../errors.js";
import {
  activeMutes,
  claimSuperseded,
  muteId,
  postedKeys,
  recordAnomalyPosted,
} from "../../store/queries/slack.js";
import { addDays, isoDay } from "../../util/dates.js";
import { divider, fitLimits, header } from "../blocks/format.js";
import { runTool } from "../capability.js";
import type { SlackDeps, SlackMessage } from "../types.js";
import { type Alert, anomalyAlerts, budgetAlerts, collectionAlerts, lifecycleAlerts } from "./alert-rules.js";
import type { JobDeps } from "./types.js";

/** Every alert that holds now, posted or not (capabilities missing from this build add none). */
export async function evaluateAlerts(deps: SlackDeps, now: Date): Promise<Alert[]> {
  const today = isoDay(now);
  const alerts: Alert[] = [];
  const budgets = await runTool(deps, "get_budget_status", {});
  if (budgets) alerts.push(...budgetAlerts(budgets, await postedKeys(deps.db, "budget:")));
  // A week back: billed anomalies surface 1-2 days late, ids keep them from repeating.
  const anomalies = await runTool(deps, "detect_anomalies", { from: addDays(today, -7), to: today });
  if (anomalies)
    alerts.push(
      ...anomalyAlerts(
        anomalies.anomalies,
        await activeMutes(deps.db, now.toISOString()),
        muteId,
        await postedKeys(deps.db, "anomaly:"),
      ),
    );
  const lifecycle = await runTool(deps, "list_model_lifecycle", { withinDays: 30 });
  if (lifecycle) alerts.push(...lifecycleAlerts(lifecycle, now));
  alerts.push(...collectionAlerts(await deps.freshness(deps.db), now));
  return alerts;
}

async function unposted(deps: SlackDeps, now: Date): Promise<Alert[]> {
  const done = await postedKeys(deps.db, "");
  return (await evaluateAlerts(deps, now)).filter((a) => !done.has(a.key));
}

/** What `run-alerts` would post now, as one message (for `demo`); no post, no ledger write. */
export async function alertsPreview(deps: SlackDeps, now: Date): Promise<SlackMessage> {
  const alerts = await unposted(deps, now);
  const blocks = [header(`Bedrock spend alerts · ${alerts.length}`)];
  for (const a of alerts) blocks.push(divider, ...a.message.blocks);
  return fitLimits({ text: alerts.map((a) => a.message.text).join("\n") || "No new alerts", blocks });
}

export interface AlertRunResult {
  posted: string[];
  failed: { key: string; error: string }[];
}

/** Posts every alert not posted before. Idempotent: run it as often as you like. */
export async function runAlerts(deps: JobDeps, now: Date): Promise<AlertRunResult> {
  const result: AlertRunResult = { posted: [], failed: [] };
  for (const alert of await unposted(deps, now)) {
    try {
      const { posted, ts, channel } = await deps.delivery.postOnce(
        alert.key,
        alert.kind,
        deps.channel,
        alert.message,
      );
      if (!posted) continue;
      result.posted.push(alert.key);
      if (alert.alsoClaims?.length)
        await claimSuperseded(deps.db, alert.alsoClaims, channel, now.toISOString());
      for (const a of alert.anomalies ?? []) {
        await recordAnomalyPosted(deps.db, {
          anomalyId: a.id,
          dimension: a.dimension,
          key: a.key ?? "",
          json: JSON.stringify(a),
          channel,
          ts,
          at: now.toISOString(),
        });
      }
    } catch (err) {
      deps.log.error(`slack: alert ${alert.key}: ${errorMessage(err)}`);
      result.failed.push({ key: alert.key, error: errorMessage(err) });
    }
  }
  return result;
}
