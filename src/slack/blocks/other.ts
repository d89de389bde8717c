import type { FailingUnit, FreshnessReport } from "../freshness.js";
import type { IdleView, LifecycleModelView, StatusView } from "../outputs.js";
import type { Block, SlackMessage } from "../types.js";
import { codeTable, context, esc, figures, fitLimits, header, section, usd } from "./format.js";

function idleCostFigure(cost: number, priced: number, unbilled: number): string {
  if (!unbilled) return usd(cost);
  return priced ? `${usd(cost)} + ${unbilled} not billed yet` : "not billed yet";
}

export function idleMessage(out: IdleView): SlackMessage {
  // A throughput the CUR has not billed yet has no known rate: its idle cost is unknown, not $0.
  const priced = out.items.filter((i) => i.idleCostUsd !== null);
  const cost = priced.reduce((s, i) => s + (i.idleCostUsd ?? 0), 0);
  const unbilled = out.items.length - priced.length;
  const blocks: Block[] = [
    header("Idle provisioned throughput"),
    figures([
      ["Idle capacities", String(out.items.length)],
      ["Idle cost", idleCostFigure(cost, priced.length, unbilled)],
    ]),
  ];
  if (out.items.length) {
    const rows = out.items.map((i) => [
      i.name.slice(0, 30),
      i.accountId,
      i.region,
      String(i.modelUnits),
      `${i.utilizationPct.toFixed(1)}%`,
      i.idleCostUsd === null ? "not billed yet" : usd(i.idleCostUsd),
    ]);
    blocks.push(codeTable(["name", "account", "region", "MUs", "used", "idle cost"], rows));
    blocks.push(
      section(
        out.items
          .slice(0, 5)
          .map((i) => `• *${esc(i.name)}*: ${esc(i.recommendation)}`)
          .join("\n"),
      ),
    );
  } else blocks.push(section("_No idle provisioned throughput._"));
  blocks.push(context(["Utilization = share of the lookback's hours with at least one invocation."]));
  return fitLimits({
    text: `${out.items.length} idle provisioned throughputs, ${usd(cost)} idle cost`,
    blocks,
  });
}

const STATUS_ICON = { ok: ":white_check_mark:", warning: ":warning:", missing: ":x:", error: ":x:" } as const;

export function statusMessage(out: StatusView): SlackMessage {
  const blocks: Block[] = [header(`bedrock-spend status · ${out.ok ? "all good" : "needs attention"}`)];
  for (const acct of out.accounts.slice(0, 20)) {
    const lines = acct.steps.map((s) => {
      const where = s.region ? ` (${s.region})` : "";
      const fix = s.status !== "ok" && s.fix ? ` — _${esc(s.fix)}_` : "";
      return `${STATUS_ICON[s.status]} \`${s.id}\`${where}: ${esc(s.detail)}${fix}`;
    });
    blocks.push(section(`*Account ${acct.accountId}*\n${lines.join("\n")}`));
  }
  return fitLimits({ text: `bedrock-spend status: ${out.ok ? "ok" : "needs attention"}`, blocks });
}

export const DATE_LABELS = {
  legacyTime: "becomes legacy",
  publicExtendedAccessTime: "enters public extended access (higher price)",
  endOfLifeTime: "reaches end of life",
} as const;
export type LifecycleDate = keyof typeof DATE_LABELS;

export function retirementAlert(
  m: LifecycleModelView,
  which: LifecycleDate,
  date: string,
  daysLeft: number,
): SlackMessage {
  const text = `${m.model} ${DATE_LABELS[which]} on ${date} (${daysLeft} days)`;
  const spend =
    m.spendLast30dUsd !== undefined ? ` Spend in the last 30 days: ${usd(m.spendLast30dUsd)}.` : "";
  return {
    text,
    blocks: [
      section(
        `:hourglass_flowing_sand: *${esc(m.model)}* ${DATE_LABELS[which]} on *${date}* — in ${daysLeft} days.${spend}`,
      ),
      context([
        `Model id ${esc(m.modelId ?? "unknown")} · status ${esc(m.status)} · plan a migration before then`,
      ]),
    ],
  };
}

export function collectionAlert(
  report: FreshnessReport,
  kind: "failed" | "stale",
  hoursStale: number | null,
  failure: FailingUnit | null = report.lastFailure,
): SlackMessage {
  const last = report.lastSuccessAt ?? "never";
  const text =
    kind === "failed"
      ? `Collection failed (${failure?.source}): ${failure?.error}`
      : `Collection is stale: last success ${last}`;
  const detail =
    kind === "failed"
      ? `:x: *Collection failed* for \`${esc(failure?.source ?? "")}\`: ${esc(failure?.error ?? "")}`
      : `:warning: *Collection is stale*: nothing collected for ${hoursStale === null ? "ever" : `${Math.floor(hoursStale)} hours`}.`;
  return {
    text,
    blocks: [
      section(detail),
      context([`Last successful collection: ${last} · run \`bedrock-spend doctor\` to find the cause`]),
    ],
  };
}
