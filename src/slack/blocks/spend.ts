import { creditsScope, estimateGapText, nothingKnown, unknownDays } from "../../capabilities/spend-format.js";
import { formatInt } from "../../util/table.js";
import type { SpendView } from "../outputs.js";
import type { SlackMessage } from "../types.js";
import {
  bar,
  clipMiddle,
  codeTable,
  context,
  esc,
  figures,
  fitLimits,
  header,
  LATE_DATA,
  missingKeyLabel,
  notice,
  pct,
  provenanceLine,
  section,
  sparkline,
  usd,
} from "./format.js";

export const MAX_TABLE_ROWS = 15;

/** Short, readable label for a row value: ARNs lose their `arn:aws:…::<account>:` prefix. */
export function rowLabel(row: Record<string, unknown>, key: string): string {
  const v = row[key];
  if (v === null || v === undefined || v === "") return missingKeyLabel(key);
  if (key === "account" && typeof row.accountName === "string") return `${row.accountName} (${String(v)})`;
  const s = String(v);
  const arn = /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):(.+)$/.exec(s);
  return arn ? `${arn[2]} (${arn[1]})` : s;
}

export interface SpendAnswerOptions {
  title: string;
  groupBy: string[];
  /** Daily totals for the sparkline (only drawn for ranges longer than one day). */
  daily?: { day: string; costUsd: number }[];
}

export function spendMessage(out: SpendView, opts: SpendAnswerOptions): SlackMessage {
  const key = opts.groupBy[0] ?? "model";
  const tokens = out.rows.reduce((s, r) => s + (r.tokens ?? 0), 0);
  const top = out.rows[0];
  const max = Math.max(0, ...out.rows.map((r) => r.costUsd ?? 0));
  const shown = out.rows.slice(0, MAX_TABLE_ROWS);
  const rest =
    out.rows.slice(MAX_TABLE_ROWS).reduce((s, r) => s + (r.costUsd ?? 0), 0) + (out.otherCostUsd ?? 0);
  const table = shown.map((r) => [
    clipMiddle(rowLabel(r, key), 56),
    usd(r.costUsd),
    pct(r.share, 1),
    bar(r.costUsd ?? 0, max),
  ]);
  if (rest > 0)
    table.push(["(other)", usd(rest), pct(out.totalCostUsd ? rest / out.totalCostUsd : 0, 1), ""]);
  const adjustments = out.credits
    ? out.credits.creditsUsd + out.credits.refundsUsd + out.credits.discountsUsd
    : 0;
  const creditScope = creditsScope(out);
  const range = out.from === out.to ? out.from : `${out.from} → ${out.to}`;
  const none = nothingKnown(out);
  const unknown = unknownDays(out);
  const blocks = [
    header(`Bedrock spend · ${opts.title}`),
    figures([
      ["Total cost", none ? "unknown" : usd(out.totalCostUsd)],
      ["Period (UTC)", range],
      ["Tokens", formatInt(tokens)],
      [`Top ${key}`, top ? `${esc(rowLabel(top, key))} (${pct(top.share)})` : "—"],
      ...(adjustments !== 0
        ? ([
            [
              "Credits, refunds, discounts",
              creditScope ? `${usd(adjustments)} (${esc(creditScope)})` : usd(adjustments),
            ],
          ] as [string, string][])
        : []),
    ]),
  ];
  if (table.length) blocks.push(codeTable([key, "cost", "share", ""], table));
  else if (none)
    blocks.push(section(`_No cost data for this period yet: spend is unknown, not $0. ${LATE_DATA}_`));
  else blocks.push(section("_No Bedrock spend in this period._"));
  if (unknown && !none) blocks.push(notice(":warning:", unknown, LATE_DATA));
  const gaps = estimateGapText(out);
  if (gaps) blocks.push(notice(":warning:", gaps));
  if (opts.daily && opts.daily.length > 1) {
    const values = opts.daily.map((d) => d.costUsd);
    blocks.push(
      section(
        `Daily \`${sparkline(values)}\` min ${usd(Math.min(...values))} · max ${usd(Math.max(...values))}`,
      ),
    );
  }
  blocks.push(context([provenanceLine(out.provenance)]));
  const total = none ? "no cost data yet" : usd(out.totalCostUsd);
  const text = `Bedrock spend ${range}: ${total}${top ? `, top ${key} ${rowLabel(top, key)} ${pct(top.share)}` : ""}${unknown && !none ? ` (${unknown})` : ""}`;
  return fitLimits({ text, blocks });
}
