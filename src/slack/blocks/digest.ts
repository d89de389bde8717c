import type { AnomalyView, BudgetsView, ForecastView, ProvenanceView, SpendView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import { BUDGET_HEADERS, budgetRows } from "./budgets.js";
import {
  clipMiddle,
  codeTable,
  context,
  divider,
  esc,
  figures,
  fitLimits,
  header,
  pct,
  provenanceLine,
  section,
  seriesLabel,
  sparkline,
  usd,
} from "./format.js";
import { rowLabel } from "./spend.js";

/** Everything the daily digest may show; a missing capability leaves its section null (omitted). */
export interface DigestData {
  day: string;
  spend: {
    yesterdayUsd: number;
    prior7AvgUsd: number;
    daily: { day: string; costUsd: number }[];
    topModels: SpendView["rows"];
    topPrincipals: SpendView["rows"];
    provenance: ProvenanceView;
  } | null;
  budgets: BudgetsView | null;
  forecast: ForecastView | null;
  openAnomalies: AnomalyView[] | null;
}

function topTable(rows: SpendView["rows"], key: string): Block {
  return codeTable(
    [key, "cost", "share"],
    rows.slice(0, 5).map((r) => [clipMiddle(rowLabel(r, key), 56), usd(r.costUsd), pct(r.share, 1)]),
  );
}

function spendSection(s: NonNullable<DigestData["spend"]>): Block[] {
  const change = s.prior7AvgUsd > 0 ? (s.yesterdayUsd - s.prior7AvgUsd) / s.prior7AvgUsd : null;
  const arrow = change === null ? "" : change >= 0 ? ` (▲ ${pct(change)})` : ` (▼ ${pct(-change)})`;
  const blocks: Block[] = [
    figures([
      ["Yesterday", `${usd(s.yesterdayUsd)}${arrow}`],
      ["Prior 7-day average", usd(s.prior7AvgUsd)],
    ]),
    section(`Last 8 days \`${sparkline(s.daily.map((d) => d.costUsd))}\``),
  ];
  if (s.topModels.length) blocks.push(section("*Top models yesterday*"), topTable(s.topModels, "model"));
  if (s.topPrincipals.length)
    blocks.push(section("*Top principals yesterday*"), topTable(s.topPrincipals, "principal"));
  return blocks;
}

export function digestMessage(d: DigestData): SlackMessage {
  const blocks: Block[] = [header(`Bedrock spend digest · ${d.day}`)];
  const text: string[] = [];
  if (d.spend) {
    blocks.push(...spendSection(d.spend));
    text.push(`yesterday ${usd(d.spend.yesterdayUsd)} vs ${usd(d.spend.prior7AvgUsd)} 7-day average`);
  }
  if (d.budgets?.budgets.length) {
    blocks.push(
      divider,
      section(`*Budgets · ${d.budgets.month} month to date*`),
      codeTable(BUDGET_HEADERS, budgetRows(d.budgets.budgets)),
    );
  }
  const total = d.forecast?.rows.find((r) => r.key === "total") ?? d.forecast?.rows[0];
  if (total) {
    const band =
      total.monthEndLowUsd != null && total.monthEndHighUsd != null
        ? ` (${usd(total.monthEndLowUsd)}–${usd(total.monthEndHighUsd)})`
        : "";
    blocks.push(
      divider,
      figures([
        ["Month to date", usd(total.monthToDateUsd)],
        ["Forecast month end", `${usd(total.monthEndUsd)}${band}`],
      ]),
    );
    text.push(`forecast ${usd(total.monthEndUsd)}`);
  }
  if (d.openAnomalies) {
    const lines = d.openAnomalies
      .slice(0, 10)
      .map(
        (a) =>
          `• ${a.date} ${a.direction} on ${esc(a.dimension)} \`${esc(seriesLabel(a.dimension, a.key))}\`: ${usd(a.actualUsd)} vs ${usd(a.expectedUsd)} expected`,
      );
    blocks.push(
      divider,
      section(`*Open anomalies (${d.openAnomalies.length})*\n${lines.join("\n") || "_none_"}`),
    );
    text.push(`${d.openAnomalies.length} open anomalies`);
  }
  if (d.spend) blocks.push(context([provenanceLine(d.spend.provenance)]));
  const summary = `Bedrock spend digest ${d.day}${text.length ? `: ${text.join(", ")}` : ""}`;
  return fitLimits({ text: summary, blocks });
}
