import type { DataGapRow } from "../../store/queries/slack-incidents.js";
import { gapClosedMessage, gapOpenedMessage } from "../blocks/gaps.js";
import type { DataGapView } from "../outputs.js";
import type { Alert } from "./alert-rules.js";

/**
 * Pure data-gap rules: one notice when a gap opens, one when it closes. A gap is "the same" while
 * the same account, region and source lack data, even if detection restates its `since` or
 * widens it to the whole account, so a long gap is one notice, not one per day.
 */

export const gapKey = (state: "open" | "closed", id: string) => `gap:${state}:${id}`;

type Where = { source: string; account: string; region: string | null };

/**
 * The same gap: same source and account, and the same region, or one of them account-wide
 * (detection reports every region of an account failing alike as one gap with region null).
 */
export function sameGap(a: Where, b: Where): boolean {
  return (
    a.source === b.source &&
    a.account === b.account &&
    (a.region === null || b.region === null || a.region === b.region)
  );
}

export const rowWhere = (r: DataGapRow): Where => ({ ...r, region: r.region || null });

export function gapAlerts(
  gaps: readonly DataGapView[],
  open: readonly DataGapRow[],
  posted: ReadonlySet<string>,
  now: Date,
): Alert[] {
  const alerts: Alert[] = [];
  const announced: Where[] = open.map(rowWhere);
  for (const g of gaps) {
    if (announced.some((w) => sameGap(w, g)) || posted.has(gapKey("open", g.id))) continue;
    announced.push(g);
    alerts.push({
      key: gapKey("open", g.id),
      kind: "gap",
      message: gapOpenedMessage(g),
      gap: { gap: g, state: "opened" },
    });
  }
  for (const r of open) {
    if (gaps.some((g) => sameGap(rowWhere(r), g))) continue;
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
