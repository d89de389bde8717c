import type { DataGapRow } from "../../store/queries/slack-incidents.js";
import { gapClosedMessage, gapOpenedMessage } from "../blocks/gaps.js";
import type { DataGapView } from "../outputs.js";
import type { Alert } from "./alert-rules.js";

/**
 * Pure data-gap rules: one notice when a gap opens, one when it closes. A gap is "the same" while
 * the same account, region and source lack data, even if detection restates its `since`, so a
 * long gap is one notice, not one per day.
 */

export const gapKey = (state: "open" | "closed", id: string) => `gap:${state}:${id}`;
export const gapSlot = (g: { source: string; account: string; region: string | null }) =>
  `${g.source}|${g.account}|${g.region ?? ""}`;

export function gapAlerts(
  gaps: readonly DataGapView[],
  open: readonly DataGapRow[],
  posted: ReadonlySet<string>,
  now: Date,
): Alert[] {
  const openSlots = new Set(open.map((r) => gapSlot({ ...r, region: r.region || null })));
  const current = new Set(gaps.map(gapSlot));
  const alerts: Alert[] = [];
  const seen = new Set<string>();
  for (const g of gaps) {
    const slot = gapSlot(g);
    if (openSlots.has(slot) || seen.has(slot) || posted.has(gapKey("open", g.id))) continue;
    seen.add(slot);
    alerts.push({
      key: gapKey("open", g.id),
      kind: "gap",
      message: gapOpenedMessage(g),
      gap: { gap: g, state: "opened" },
    });
  }
  for (const r of open) {
    if (current.has(gapSlot({ ...r, region: r.region || null }))) continue;
    const g = JSON.parse(r.gap_json) as DataGapView;
    alerts.push({
      key: gapKey("closed", r.gap_id),
      kind: "gap",
      message: gapClosedMessage(g, now.toISOString()),
      gap: { gap: g, state: "closed" },
    });
  }
  return alerts;
}
