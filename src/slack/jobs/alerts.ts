import { billedThrough } from "../../domain/billed-through.js";
import { errorMessage } from "../../errors.js";
import { readCurCoverage } from "../../store/queries/provenance.js";
import { activeMutes, claimSuperseded, postedKeys } from "../../store/queries/slack.js";
import { incidentRows, openGapRows, recentIncidentRows } from "../../store/queries/slack-incidents.js";
import { addDays, isoDay } from "../../util/dates.js";
import { divider, fitLimits, header } from "../blocks/format.js";
import { runTool } from "../capability.js";
import type { AnomaliesView, IncidentView, StoredIncident } from "../outputs.js";
import type { SlackDeps, SlackMessage } from "../types.js";
import { type Alert, budgetAlerts, collectionAlerts, lifecycleAlerts } from "./alert-rules.js";
import { settlementUpdates } from "./billing.js";
import { gapAlerts } from "./gap-rules.js";
import { type IncidentUpdate, incidentAlerts, incidentUpdates, isNews } from "./incident-rules.js";
import { applyUpdate, recordPosted, repairGapRows } from "./record.js";
import { planTransitions, type TransitionPlan } from "./transition-rules.js";
import type { JobDeps } from "./types.js";

/** Days back detection looks: billed incidents surface 1-2 days late, the ledger keeps them from repeating. */
const ALERT_WINDOW_DAYS = 7;

export async function recentAnomalies(deps: SlackDeps, now: Date): Promise<AnomaliesView | null> {
  const today = isoDay(now);
  return runTool(deps, "detect_anomalies", { from: addDays(today, -ALERT_WINDOW_DAYS), to: today });
}

export interface AlertPlan {
  /** New messages, each posted once under its key. */
  posts: Alert[];
  /** Incident messages to redraw in place. */
  updates: IncidentUpdate[];
}

/**
 * Everything that holds now (capabilities missing from this build add nothing). `found` is
 * detect_anomalies' answer when the caller already has it.
 */
export async function planAlerts(
  deps: SlackDeps,
  now: Date,
  found: AnomaliesView | null | undefined = undefined,
): Promise<AlertPlan> {
  const posted = await postedKeys(deps.db, "");
  const posts: Alert[] = [];
  const budgets = await runTool(deps, "get_budget_status", {});
  if (budgets) posts.push(...budgetAlerts(budgets, posted));
  if (found === undefined) found = await recentAnomalies(deps, now);
  const incidents = found?.incidents ?? [];
  const gaps = found?.dataGaps ?? [];
  const through = billedThrough(await readCurCoverage(deps.db));
  const transitions = await planIncidentTransitions(deps, now, incidents, posted, through);
  const news = incidents.filter((i) => !transitions.continued.has(i.id) && isNews(i, now, through));
  posts.push(...incidentAlerts(news, await activeMutes(deps.db, now.toISOString()), posted));
  // Without an answer from detection nothing is known about gaps: none is opened or closed.
  if (found) posts.push(...gapAlerts(gaps, await openGapRows(deps.db), posted, now));
  const lifecycle = await runTool(deps, "list_model_lifecycle", { withinDays: 30 });
  if (lifecycle) posts.push(...lifecycleAlerts(lifecycle, now));
  posts.push(...collectionAlerts(await deps.freshness(deps.db), now, gaps));
  const rows = await incidentRows(
    deps.db,
    incidents.map((i) => i.id),
  );
  return {
    posts: posts.filter((a) => !posted.has(a.key)),
    updates: [
      ...incidentUpdates(incidents, posted, rows),
      ...transitions.updates,
      ...(await settlementUpdates(deps, transitions.settle)),
    ],
  };
}

/** Posted incidents drawn within detection's window, against what detection shows now. */
async function planIncidentTransitions(
  deps: SlackDeps,
  now: Date,
  incidents: readonly IncidentView[],
  postedKeys: ReadonlySet<string>,
  through: string | null,
): Promise<TransitionPlan> {
  const windowFrom = addDays(isoDay(now), -ALERT_WINDOW_DAYS);
  const rows = await recentIncidentRows(deps.db, `${windowFrom}T00:00:00.000Z`);
  const posted = rows.map((row) => ({ row, view: JSON.parse(row.incident_json) as StoredIncident }));
  return planTransitions({ incidents, posted, postedKeys, through, windowFrom });
}

/**
 * What `run-alerts` would post now, as one message (for `demo`); no post, no ledger write.
 * `found`: detect_anomalies' answer when the caller already has it.
 */
export async function alertsPreview(
  deps: SlackDeps,
  now: Date,
  found: AnomaliesView | null | undefined = undefined,
): Promise<SlackMessage> {
  const { posts } = await planAlerts(deps, now, found);
  const blocks = [header(`Bedrock spend alerts · ${posts.length}`)];
  for (const a of posts) blocks.push(divider, ...a.message.blocks);
  return fitLimits({ text: posts.map((a) => a.message.text).join("\n") || "No new alerts", blocks });
}

export interface AlertRunResult {
  posted: string[];
  /** Incident messages redrawn in place (chat.update), by ledger key. */
  updated: string[];
  failed: { key: string; error: string }[];
}

/**
 * Posts every alert not posted before and redraws incident messages that changed. Idempotent:
 * run it as often as you like; the ledger claims each key before its one post.
 */
export async function runAlerts(deps: JobDeps, now: Date): Promise<AlertRunResult> {
  const result: AlertRunResult = { posted: [], updated: [], failed: [] };
  const found = await recentAnomalies(deps, now);
  if (found) await repairGapRows(deps, found.dataGaps, now);
  const plan = await planAlerts(deps, now, found);
  for (const alert of plan.posts) {
    try {
      // The keys this message covers are claimed before it goes out: a replica that dies during
      // the post leaves them claimed, so the one that takes over never posts a lower threshold.
      if (alert.alsoClaims?.length)
        await claimSuperseded(deps.db, alert.alsoClaims, deps.channel, now.toISOString());
      const sent = await deps.delivery.postOnce(alert.key, alert.kind, deps.channel, alert.message);
      if (!sent.posted) continue;
      result.posted.push(alert.key);
      await recordPosted(deps, alert, sent, found?.anomalies ?? [], now);
    } catch (err) {
      deps.log.error(`slack: alert ${alert.key}: ${errorMessage(err)}`);
      result.failed.push({ key: alert.key, error: errorMessage(err) });
    }
  }
  for (const u of plan.updates) {
    try {
      const key = await applyUpdate(deps, u, found?.anomalies ?? [], now);
      if (key) result.updated.push(key);
    } catch (err) {
      deps.log.error(`slack: updating incident ${u.incident.id}: ${errorMessage(err)}`);
      result.failed.push({ key: `incident:${u.incident.id}`, error: errorMessage(err) });
    }
  }
  return result;
}
