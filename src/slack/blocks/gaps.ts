import type { DataGapView } from "../outputs.js";
import type { SlackMessage } from "../types.js";
import { context, esc, section } from "./format.js";

/**
 * Data-gap notices: one when a gap opens (with the fix), one when it closes. Missing data is
 * never $0: while a gap is open its spend is unknown and no anomaly is raised on it.
 */

export const GAP_SOURCE_TEXT: Record<DataGapView["source"], string> = {
  metrics: "CloudWatch metrics",
  logs: "invocation logs",
  cur: "CUR billing data",
  inventory: "Bedrock inventory",
};

/** `staging (222222222222) us-east-1`: the account by name and id, and the region when there is one. */
export function gapWhere(g: Pick<DataGapView, "account" | "accountName" | "region">): string {
  const account = g.accountName ? `${g.accountName} (${g.account})` : g.account;
  return g.region ? `${account} ${g.region}` : account;
}

export const sinceText = (since: string) => (since.length > 10 ? since.replace("T", " ") : since);

const EFFECT: Record<DataGapView["source"], string> = {
  metrics:
    "its estimated spend (days after the CUR's last billed day) is unknown, not $0, and no anomaly is raised on it",
  logs: "spend on estimated days cannot be attributed to principals there; totals are unaffected",
  cur: "billed numbers stop at the last ingested day; later days are estimates",
  inventory: "ModelIds may not resolve to models and provisioned throughput may be missing",
};

export function gapOpenedMessage(g: DataGapView): SlackMessage {
  const what = GAP_SOURCE_TEXT[g.source];
  const where = gapWhere(g);
  return {
    text: `Data gap: no ${what} for ${where} since ${sinceText(g.since)}. Fix: ${g.fix}`,
    blocks: [
      section(
        `:warning: *Data gap: no ${what} for ${esc(where)}* since ${esc(sinceText(g.since))}\n${esc(g.reason)}`,
      ),
      section(`*Fix:* ${esc(g.fix)}`),
      context([
        `Until then ${EFFECT[g.source]}. One notice now, one when data flows again · gap ${esc(g.id)}`,
      ]),
    ],
  };
}

export function gapClosedMessage(g: DataGapView, closedAt: string): SlackMessage {
  const what = GAP_SOURCE_TEXT[g.source];
  const where = gapWhere(g);
  const at = sinceText(closedAt.slice(0, 16));
  return {
    text: `Data gap closed: collecting ${what} for ${where} again (gap since ${sinceText(g.since)}, closed by ${at}Z)`,
    blocks: [
      section(
        `:white_check_mark: *Data gap closed: collecting ${what} for ${esc(where)} again*\nThe gap open since ${esc(sinceText(g.since))} closed by ${at}Z; estimates and anomaly detection cover it again.`,
      ),
      context([`gap ${esc(g.id)}`]),
    ],
  };
}
