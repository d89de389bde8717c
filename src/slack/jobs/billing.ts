import { identityLinks } from "../../analyze/anomaly/index.js";
import { runTool } from "../capability.js";
import type { IncidentView } from "../outputs.js";
import type { SlackDeps } from "../types.js";
import type { IncidentUpdate } from "./incident-rules.js";
import { billingOutcome, lastDayOf, type PostedIncident, settlementUpdate } from "./transition-rules.js";

/**
 * What the CUR billed and what was estimated for an incident's model/account/region over its days,
 * both from get_spend_by_model. Null when either is unknown, or nothing was estimated for those
 * days (the estimate recompute no longer covers them): then there is nothing to compare.
 */
async function billedAndEstimated(
  deps: SlackDeps,
  i: IncidentView,
): Promise<{ billedUsd: number; estimatedUsd: number } | null> {
  const filters: Record<string, string[]> = {};
  for (const l of identityLinks(i.driverChain)) filters[l.dimension] = [l.key];
  const range = { from: i.start.slice(0, 10), to: lastDayOf(i), filters };
  const billed = await runTool(deps, "get_spend_by_model", { ...range, source: "billed" });
  const estimated = await runTool(deps, "get_spend_by_model", { ...range, source: "estimated" });
  if (!billed || !estimated || estimated.totalCostUsd <= 0) return null;
  return { billedUsd: billed.totalCostUsd, estimatedUsd: estimated.totalCostUsd };
}

/** Posted estimated incidents gone from detection once billed: each message redrawn with the bill's word. */
export async function settlementUpdates(
  deps: SlackDeps,
  settle: readonly PostedIncident[],
): Promise<IncidentUpdate[]> {
  const out: IncidentUpdate[] = [];
  for (const p of settle) {
    const spend = await billedAndEstimated(deps, p.view);
    if (!spend) {
      deps.log.debug(`slack: incident ${p.view.id} is billed but no estimate remains to compare: left as is`);
      continue;
    }
    const u = settlementUpdate(p, billingOutcome(p.view, spend, deps.config.anomaly.minImpactUsd));
    if (u) out.push(u);
  }
  return out;
}
