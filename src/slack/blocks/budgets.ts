import { budgetUnknownDays } from "../../capabilities/get-budget-status.js";
import type { BudgetsView, BudgetView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import {
  bar,
  codeTable,
  context,
  figures,
  fitLimits,
  header,
  LATE_DATA,
  notice,
  pct,
  section,
  usd,
} from "./format.js";

const used = (b: BudgetView) => (b.limitUsd > 0 ? b.actualUsd / b.limitUsd : 0);

export function budgetRows(budgets: BudgetView[]) {
  return budgets.map((b) => [
    b.name.slice(0, 28),
    usd(b.actualUsd),
    usd(b.limitUsd),
    pct(used(b)),
    bar(Math.min(used(b), 1), 1, 10),
    usd(b.forecastUsd ?? null),
  ]);
}

export const BUDGET_HEADERS = ["budget", "actual", "limit", "used", "", "forecast"];

export function budgetsMessage(out: BudgetsView): SlackMessage {
  const over = out.budgets.filter((b) => b.actualUsd >= b.limitUsd);
  const atRisk = out.budgets.filter((b) => b.actualUsd < b.limitUsd && (b.forecastUsd ?? 0) > b.limitUsd);
  const blocks: Block[] = [
    header(`Bedrock budgets · ${out.month}`),
    figures([
      ["Budgets", String(out.budgets.length)],
      ["Over limit", String(over.length)],
      ["Forecast to exceed", String(atRisk.length)],
    ]),
  ];
  if (out.budgets.length) blocks.push(codeTable(BUDGET_HEADERS, budgetRows(out.budgets)));
  else blocks.push(section("_No budgets configured: add `budgets:` to the config file._"));
  const exhausting = out.budgets
    .filter((b) => b.exhaustedOn)
    .map((b) => `${b.name} runs out on ${b.exhaustedOn}`);
  const unknown = budgetUnknownDays(out);
  if (unknown) blocks.push(notice(":hourglass:", unknown, LATE_DATA));
  blocks.push(
    context([exhausting.length ? exhausting.join(" · ") : "Month to date (UTC); forecast to month end."]),
  );
  return fitLimits({
    text: `Bedrock budgets ${out.month}: ${over.length} over, ${atRisk.length} forecast to exceed`,
    blocks,
  });
}

/**
 * Alert for the highest budget threshold newly crossed by actual spend or by the month-end
 * forecast; `forecastThreshold` adds a higher threshold the forecast crosses too.
 */
export function budgetAlert(
  b: BudgetView,
  month: string,
  threshold: number,
  by: "actual" | "forecast",
  forecastThreshold?: number,
): SlackMessage {
  const top = Math.max(threshold, forecastThreshold ?? 0);
  const icon = top >= 1 ? ":red_circle:" : ":large_orange_circle:";
  const verb = by === "actual" ? "has reached" : "is forecast to reach";
  const also = forecastThreshold ? `, forecast to reach ${pct(forecastThreshold)}` : "";
  const text = `Budget ${b.name} ${verb} ${pct(threshold)} of ${usd(b.limitUsd)} in ${month}${also}`;
  const blocks: Block[] = [
    section(
      `${icon} *Budget \`${b.name}\` ${verb} ${pct(threshold)}* of ${usd(b.limitUsd)} for ${month}${also}`,
    ),
    figures([
      ["Actual (month to date)", `${usd(b.actualUsd)} (${pct(used(b))})`],
      ["Forecast (month end)", usd(b.forecastUsd ?? null)],
      ...(b.exhaustedOn ? ([["Runs out on", b.exhaustedOn]] as [string, string][]) : []),
    ]),
    context([`Threshold ${pct(threshold)} · crossed by ${by} · each threshold is posted once per month`]),
  ];
  return { text, blocks };
}
