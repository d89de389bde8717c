import type {
  BudgetsView,
  DataGapView,
  ForecastView,
  IncidentView,
  ProvenanceView,
  SpendView,
} from "../outputs.js";
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
  LATE_DATA,
  pct,
  provenanceLine,
  section,
  sparkline,
  usd,
} from "./format.js";
import { GAP_SOURCE_TEXT, gapWhere, sinceText } from "./gaps.js";
import { headline, incidentStatus } from "./incidents.js";
import { rowLabel } from "./spend.js";

/** Everything the daily digest may show; a missing capability leaves its section null (omitted). */
export interface DigestData {
  day: string;
  spend: {
    /** Null: no cost data for yesterday yet (unknown, not $0). */
    yesterdayUsd: number | null;
    /** Over the prior days that have data; null when none has. */
    prior7AvgUsd: number | null;
    /** The last 8 days up to the last one with cost data. */
    daily: { day: string; costUsd: number }[];
    topModels: SpendView["rows"];
    topPrincipals: SpendView["rows"];
    provenance: ProvenanceView;
  } | null;
  budgets: BudgetsView | null;
  forecast: ForecastView | null;
  /** Untriaged, unmuted incidents of the last 7 days, largest impact first. */
  openIncidents: IncidentView[] | null;
  dataGaps: DataGapView[] | null;
}

function topTable(rows: SpendView["rows"], key: string): Block {
  return codeTable(
    [key, "cost", "share"],
    rows.slice(0, 5).map((r) => [clipMiddle(rowLabel(r, key), 56), usd(r.costUsd), pct(r.share, 1)]),
  );
}

function spendSection(s: NonNullable<DigestData["spend"]>): Block[] {
  const change =
    s.yesterdayUsd !== null && s.prior7AvgUsd !== null && s.prior7AvgUsd > 0
      ? (s.yesterdayUsd - s.prior7AvgUsd) / s.prior7AvgUsd
      : null;
  const arrow = change === null ? "" : change >= 0 ? ` (▲ ${pct(change)})` : ` (▼ ${pct(-change)})`;
  const blocks: Block[] = [
    figures([
      ["Yesterday", s.yesterdayUsd === null ? "no cost data yet" : `${usd(s.yesterdayUsd)}${arrow}`],
      ["Prior 7-day average", s.prior7AvgUsd === null ? "—" : usd(s.prior7AvgUsd)],
    ]),
  ];
  if (s.daily.length > 1) {
    const last = s.daily[s.daily.length - 1].day;
    const label =
      s.yesterdayUsd === null ? `${s.daily.length} days through ${last}` : `Last ${s.daily.length} days`;
    blocks.push(section(`${label} \`${sparkline(s.daily.map((d) => d.costUsd))}\``));
  }
  if (s.yesterdayUsd === null)
    blocks.push(section(`:hourglass: No cost data for yesterday yet: unknown, not $0. ${LATE_DATA}`));
  if (s.topModels.length) blocks.push(section("*Top models yesterday*"), topTable(s.topModels, "model"));
  if (s.topPrincipals.length)
    blocks.push(section("*Top principals yesterday*"), topTable(s.topPrincipals, "principal"));
  return blocks;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function incidentLines(list: IncidentView[]): string {
  const lines = list.slice(0, 10).map((i) => `• ${esc(headline(i))} — ${incidentStatus(i).plain}`);
  if (list.length > 10) lines.push(`… and ${list.length - 10} more`);
  // "Open" is the triage state (nobody acknowledged it): say which of them are still going on.
  const ongoing = list.filter((i) => i.end === null).length;
  const title = `*Open incidents (${list.length})*${list.length ? ` · ${ongoing} ongoing, ${list.length - ongoing} over, not yet triaged` : ""}`;
  return `${title}\n${lines.join("\n") || "_none_"}`;
}

function gapLines(gaps: DataGapView[]): string {
  const lines = gaps
    .slice(0, 10)
    .map(
      (g) =>
        `• No ${GAP_SOURCE_TEXT[g.source]} for ${esc(gapWhere(g))} since ${esc(sinceText(g.since))} — _fix: ${esc(g.fix)}_`,
    );
  return `*Data gaps (${gaps.length})*: spend there is unknown, not $0\n${lines.join("\n")}`;
}

export function digestMessage(d: DigestData): SlackMessage {
  const blocks: Block[] = [header(`Bedrock spend digest · ${d.day}`)];
  const text: string[] = [];
  if (d.spend) {
    blocks.push(...spendSection(d.spend));
    const s = d.spend;
    text.push(
      s.yesterdayUsd === null
        ? "no cost data for yesterday yet"
        : `yesterday ${usd(s.yesterdayUsd)}${s.prior7AvgUsd === null ? "" : ` vs ${usd(s.prior7AvgUsd)} 7-day average`}`,
    );
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
  if (d.openIncidents) {
    blocks.push(divider, section(incidentLines(d.openIncidents)));
    text.push(count(d.openIncidents.length, "open incident"));
  }
  if (d.dataGaps?.length) {
    blocks.push(section(gapLines(d.dataGaps)));
    text.push(count(d.dataGaps.length, "data gap"));
  }
  if (d.spend) blocks.push(context([provenanceLine(d.spend.provenance)]));
  const summary = `Bedrock spend digest ${d.day}${text.length ? `: ${text.join(", ")}` : ""}`;
  return fitLimits({ text: summary, blocks });
}
