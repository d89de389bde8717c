import { formatInt, formatPct, formatUsd } from "../util/table.js";
import type { SpendOutput } from "./spend-schema.js";

/** Display of `get_spend_by_model` for people: one summary line and an aligned table. */

function provenanceText(out: SpendOutput): string {
  const p = out.provenance;
  const billed = p.billedThrough ? `billed through ${p.billedThrough}` : "no CUR yet";
  const est = p.estimatedFrom ? `, estimated from ${p.estimatedFrom}` : "";
  return `${p.source}: ${billed}${est}`;
}

export function summarizeSpend(out: SpendOutput): string {
  const parts = [
    `Bedrock spend ${out.from} → ${out.to}: ${formatUsd(out.totalCostUsd)} (${provenanceText(out)})`,
  ];
  if (out.topModel) {
    const share =
      out.totalCostUsd > 0 && out.topModel.costUsd !== null ? out.topModel.costUsd / out.totalCostUsd : null;
    parts.push(`top model ${out.topModel.model} ${formatUsd(out.topModel.costUsd)} (${formatPct(share)})`);
  }
  const c = out.credits;
  const adj = c.creditsUsd + c.refundsUsd + c.discountsUsd;
  if (adj !== 0) parts.push(`credits/refunds/discounts ${formatUsd(adj)} not included`);
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
