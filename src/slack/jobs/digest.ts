import { addDays, eachDay, isoDay } from "../../util/dates.js";
import { type DigestData, digestMessage } from "../blocks/digest.js";
import { runTool } from "../capability.js";
import type { PostResult } from "../delivery.js";
import type { AnomaliesView } from "../outputs.js";
import type { SlackDeps, SlackMessage } from "../types.js";
import { recentAnomalies } from "./alerts.js";
import { openIncidents } from "./open-incidents.js";
import type { JobDeps } from "./types.js";

async function spendPart(deps: SlackDeps, yesterday: string): Promise<DigestData["spend"]> {
  const from = addDays(yesterday, -7);
  const byDay = await runTool(deps, "get_spend_by_model", {
    from,
    to: yesterday,
    groupBy: ["day"],
    limit: 1000,
  });
  if (!byDay) return null;
  const cost = new Map(byDay.rows.map((r) => [String(r.day), r.costUsd ?? 0]));
  // Up to the store's last cost day, a day without rows cost nothing (no Bedrock use): zero in
  // the average. After it the spend is not known yet (the CUR lags; estimates need metrics):
  // those days are left out, never shown as $0.
  // (An answer without dataThrough does not say: every day counts as known, as it always did.)
  const through = byDay.provenance.dataThrough;
  const known = (day: string) => through === undefined || (through !== null && day <= through);
  const daily = eachDay(from, yesterday)
    .filter(known)
    .map((day) => ({ day, costUsd: cost.get(day) ?? 0 }));
  const prior = daily.filter((d) => d.day < yesterday);
  const top = (dim: string) =>
    runTool(deps, "get_spend_by_model", { from: yesterday, to: yesterday, groupBy: [dim], limit: 5 });
  const [models, principals] = [await top("model"), await top("principal")];
  return {
    yesterdayUsd: known(yesterday) ? (cost.get(yesterday) ?? 0) : null,
    prior7AvgUsd: prior.length ? prior.reduce((s, d) => s + d.costUsd, 0) / prior.length : null,
    daily,
    topModels: models?.rows ?? [],
    topPrincipals: principals?.rows ?? [],
    provenance: byDay.provenance,
  };
}

/**
 * Gathers the digest's sections; capabilities missing from this build leave theirs null.
 * `known`: detect_anomalies' answer for the same window when the caller already has it.
 */
export async function digestData(
  deps: SlackDeps,
  now: Date,
  known: AnomaliesView | null | undefined = undefined,
): Promise<DigestData> {
  const today = isoDay(now);
  const found = known === undefined ? await recentAnomalies(deps, now) : known;
  return {
    day: today,
    spend: await spendPart(deps, addDays(today, -1)),
    budgets: await runTool(deps, "get_budget_status", {}),
    forecast: await runTool(deps, "forecast_spend", { dimension: "total" }),
    openIncidents: found ? await openIncidents(deps, found.incidents, now) : null,
    dataGaps: found ? found.dataGaps : null,
  };
}

/** The digest as it would be posted now (for `demo` and previews); no post, no ledger write. */
export async function digestPreview(
  deps: SlackDeps,
  now: Date,
  known: AnomaliesView | null | undefined = undefined,
): Promise<SlackMessage> {
  return digestMessage(await digestData(deps, now, known));
}

/** Posts today's digest once: a second call the same UTC day is a no-op. */
export async function sendDigest(deps: JobDeps, now: Date): Promise<PostResult> {
  const message = await digestPreview(deps, now);
  return deps.delivery.postOnce(`digest:${isoDay(now)}`, "digest", deps.channel, message);
}
