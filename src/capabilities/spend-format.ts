import { addDays } from "../util/dates.js";
import { formatInt, formatPct, formatUsd } from "../util/table.js";
import type { SpendOutput } from "./spend-schema.js";

/** Display of `get_spend_by_model` for people: one summary line and an aligned table. */

/** Whether estimates actually cover some day after billedThrough (not just planned to). */
export const hasEstimates = (p: SpendOutput["provenance"]) =>
  p.estimatedFrom !== null &&
  (p.dataThrough === undefined || (p.dataThrough !== null && p.dataThrough >= p.estimatedFrom));

function provenanceText(out: SpendOutput): string {
  const p = out.provenance;
  const billed = p.billedThrough ? `billed through ${p.billedThrough}` : "no CUR yet";
  const est = hasEstimates(p) ? `, estimated from ${p.estimatedFrom}` : "";
  return `${p.source}: ${billed}${est}`;
}

/** No cost data for any day of the range yet (a total of $0 there would be a guess). */
export function nothingKnown(out: Pick<SpendOutput, "from" | "provenance">): boolean {
  const through = out.provenance.dataThrough;
  return through === null || (through !== undefined && through < out.from);
}

/**
 * Days of the range after the store's last cost day: their spend is unknown (the CUR lags, and
 * estimates need collected metrics), so a total must not read as complete. Null when none.
 */
export function unknownDays(out: Pick<SpendOutput, "from" | "to" | "provenance">): string | null {
  const through = out.provenance.dataThrough;
  if (through === undefined || (through !== null && through >= out.to)) return null;
  const first = nothingKnown(out) ? out.from : addDays(through as string, 1);
  const span = first === out.to ? first : `${first} → ${out.to}`;
  return nothingKnown(out)
    ? `no cost data for ${span} yet: unknown, not $0`
    : `no cost data after ${through} yet: ${span} unknown, not $0`;
}

/** Account/regions missing from the estimates (no metrics read), for a summary line; null: none. */
export function estimateGapText(out: Pick<SpendOutput, "provenance">): string | null {
  const gaps = out.provenance.estimateGaps ?? [];
  if (!gaps.length) return null;
  const named = gaps.slice(0, 3).map((g) => {
    const who = g.accountName ? `${g.accountName} (${g.account})` : g.account;
    const since = g.metricsThrough ? `metrics only through ${g.metricsThrough}` : "no metrics for these days";
    return `${who} ${g.region}: ${since}`;
  });
  const more = gaps.length > 3 ? ` and ${gaps.length - 3} more` : "";
  return `estimates leave out ${named.join("; ")}${more} — unknown there, not $0`;
}

/**
 * When the credits ignore some of the question's filters: what they cover instead, e.g. "for all
 * Bedrock spend in these accounts: credits cannot be split by tag".
 */
export function creditsScope(out: Pick<SpendOutput, "credits">): string | null {
  const ignored = out.credits?.notSplitBy ?? [];
  if (!ignored.length) return null;
  const names = ignored.map((f) => f.replaceAll("_", " ")).join(", ");
  return `for all Bedrock spend of the accounts in scope: credits cannot be split by ${names}`;
}

export function summarizeSpend(out: SpendOutput): string {
  const unknown = unknownDays(out);
  const none = nothingKnown(out);
  const total = none ? "unknown" : formatUsd(out.totalCostUsd);
  const parts = [`Bedrock spend ${out.from} → ${out.to}: ${total} (${provenanceText(out)})`];
  if (unknown) parts.push(unknown);
  const gaps = estimateGapText(out);
  if (gaps) parts.push(gaps);
  if (out.topModel) {
    const share =
      out.totalCostUsd > 0 && out.topModel.costUsd !== null ? out.topModel.costUsd / out.totalCostUsd : null;
    parts.push(`top model ${out.topModel.model} ${formatUsd(out.topModel.costUsd)} (${formatPct(share)})`);
  }
  const c = out.credits;
  const adj = c.creditsUsd + c.refundsUsd + c.discountsUsd;
  if (adj !== 0) {
    const scope = creditsScope(out);
    parts.push(`credits/refunds/discounts ${formatUsd(adj)} not included${scope ? ` (${scope})` : ""}`);
  }
  if (out.unpricedTokens > 0)
    parts.push(`${formatInt(out.unpricedTokens)} tokens without a known price not included`);
  if (out.truncated) parts.push(`${out.rowCount - out.rows.length} more groups in other`);
  return parts.join("; ");
}

export function spendTable(out: SpendOutput): { headers: string[]; rows: (string | number | null)[][] } {
  const withName = out.groupBy.includes("account");
  const headers = [...out.groupBy];
  if (withName) headers.splice(out.groupBy.indexOf("account") + 1, 0, "account name");
  headers.push("cost", "share", "tokens");
  const pad = (label: string) => [label, ...Array(headers.length - 4).fill("")];
  const rows: (string | number | null)[][] = out.rows.map((r) => {
    const cells: (string | number | null)[] = out.groupBy.map((k) => (r[k] as string | null) ?? "—");
    if (withName) cells.splice(out.groupBy.indexOf("account") + 1, 0, r.accountName ?? "");
    const cost = r.costUsd === null ? "unpriced" : formatUsd(r.costUsd);
    return [...cells, cost, formatPct(r.share), formatInt(r.tokens)];
  });
  if (out.truncated) {
    const share = out.totalCostUsd > 0 ? out.otherCostUsd / out.totalCostUsd : null;
    const n = out.rowCount - out.rows.length;
    rows.push([...pad(`(${n} other)`), formatUsd(out.otherCostUsd), formatPct(share), ""]);
  }
  if (out.rows.length) {
    const share = out.totalCostUsd > 0 ? 1 : null;
    rows.push([...pad("TOTAL"), formatUsd(out.totalCostUsd), formatPct(share), formatInt(out.totalTokens)]);
  }
  return { headers, rows };
}
