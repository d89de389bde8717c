import type { SavingsOpportunityView, SavingsView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import { context, esc, figures, fitLimits, header, section, usd } from "./format.js";

const CONFIDENCE_ICON = {
  certain: ":large_green_circle:",
  likely: ":large_yellow_circle:",
  possible: ":white_circle:",
} as const;

/** One opportunity: dollars a month, what to change, the first step, and the arithmetic. */
export function opportunityBlocks(o: SavingsOpportunityView): Block[] {
  const from = o.actionableFrom ? ` from ${o.actionableFrom}` : "";
  const counted = o.countedInTotal ? "" : " _(overlaps a larger one: not in the total)_";
  return [
    section(
      `${CONFIDENCE_ICON[o.confidence]} *${usd(o.monthlySavingsUsd)}/month*${from} · ${o.confidence} · \`${o.kind}\`${counted}\n*${esc(o.title)}*\n${esc(o.action[0] ?? "")}`,
    ),
    context([esc(o.evidence.arithmetic)]),
  ];
}

function windowLine(out: SavingsView): string {
  const w = out.window;
  return `Billed days ${w.from} → ${w.to} (${w.days}) · list prices of ${out.pricesInEffectOn} · overlapping opportunities counted once · \`/bedrock-spend savings\` lists them all`;
}

/** `/bedrock-spend savings`: the total and the top opportunities. */
export function savingsMessage(out: SavingsView, max = 8): SlackMessage {
  const blocks: Block[] = [
    header("Savings opportunities"),
    figures([
      ["Total per month", usd(out.totalMonthlyUsd)],
      ["Opportunities", String(out.opportunities.length)],
    ]),
  ];
  for (const o of out.opportunities.slice(0, max)) blocks.push(...opportunityBlocks(o));
  if (!out.opportunities.length)
    blocks.push(section(`_No opportunity of at least ${usd(out.minMonthlyUsd)}/month in this window._`));
  else if (out.opportunities.length > max)
    blocks.push(section(`_… and ${out.opportunities.length - max} more: \`bedrock-spend report savings\`_`));
  blocks.push(context([windowLine(out)]));
  return fitLimits({
    text: `${out.opportunities.length} savings opportunities, ${usd(out.totalMonthlyUsd)}/month`,
    blocks,
  });
}

/** The weekly post: the top opportunities not shown in the last 7 days, with dollars. */
export function weeklySavingsMessage(
  out: SavingsView,
  shown: readonly SavingsOpportunityView[],
): SlackMessage {
  const sum = shown.reduce((s, o) => s + o.monthlySavingsUsd, 0);
  const blocks: Block[] = [
    header("Weekly savings"),
    section(
      `Top ${shown.length} of ${out.opportunities.length} opportunities (${usd(out.totalMonthlyUsd)}/month in all):`,
    ),
  ];
  for (const o of shown) blocks.push(...opportunityBlocks(o));
  blocks.push(context([windowLine(out)]));
  return fitLimits({ text: `Weekly savings: ${usd(sum)}/month in ${shown.length} opportunities`, blocks });
}
