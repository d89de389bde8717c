import { estimateGapText, unknownDays } from "../capabilities/spend-format.js";
import { GAP_SOURCE_TEXT, gapWhere, sinceText } from "../slack/blocks/gaps.js";
import { linkText } from "../slack/blocks/incident-parts.js";
import { headline, incidentStatus } from "../slack/blocks/incidents.js";
import { alignedTable, type Cell, formatInt, formatPct, formatUsd } from "../util/table.js";
import type { DemoOutputs, DemoSection } from "./outputs.js";
import { answerOf, capabilityNamed } from "./outputs.js";
import { slackText } from "./slack-text.js";

const MAX_INCIDENTS = 6;

function heading(title: string): string {
  return `\n${title}\n${"═".repeat(title.length)}\n`;
}

function get(outputs: DemoOutputs, key: string): DemoSection | undefined {
  return outputs.sections.find((s) => s.key === key);
}

/** The generic rendering `report <name>` prints: the capability's summary line and its table. */
function capabilityText(s: DemoSection): string {
  const cap = capabilityNamed(s.tool);
  const { headers, rows } = cap.table(s.output);
  const table = rows.length ? `\n${alignedTable(headers, rows)}` : "";
  return `${cap.summarize(s.output)}${table}\n`;
}

const spendAnswer = (o: DemoOutputs, key: string) => answerOf(o.sections, key, "get_spend_by_model");

function costByModel(out: ReturnType<typeof spendAnswer>): Map<string, number> {
  return new Map((out?.rows ?? []).map((r) => [String(r.model), r.costUsd ?? 0]));
}

function spendByModel(o: DemoOutputs): string {
  const all = spendAnswer(o, "spendByModel");
  if (!all) return "";
  const billed = costByModel(spendAnswer(o, "spendByModelBilled"));
  const estimated = costByModel(spendAnswer(o, "spendByModelEstimated"));
  const p = all.provenance;
  const rows: Cell[][] = all.rows.map((r) => [
    String(r.model),
    formatUsd(r.costUsd),
    formatPct(r.share),
    formatUsd(billed.get(String(r.model)) ?? 0),
    formatUsd(estimated.get(String(r.model)) ?? 0),
    formatInt(r.tokens),
  ]);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  rows.push([
    "total",
    formatUsd(all.totalCostUsd),
    "100.0%",
    formatUsd(sum(billed)),
    formatUsd(sum(estimated)),
    formatInt(all.totalTokens),
  ]);
  const c = all.credits;
  const missing = [unknownDays(all), estimateGapText(all)].filter((t): t is string => t !== null);
  return [
    `${all.from} → ${all.to}: billed (CUR) through ${p.billedThrough ?? "—"}, estimated (CloudWatch tokens × list prices) from ${p.estimatedFrom ?? "—"}`,
    ...missing.map((t) => `! ${t}`),
    alignedTable(["model", "cost", "share", "billed", "estimated", "tokens"], rows),
    `Not in cost: credits ${formatUsd(c.creditsUsd)}, refunds ${formatUsd(c.refundsUsd)}, discounts ${formatUsd(c.discountsUsd)}, tax ${formatUsd(c.taxUsd)}`,
    "",
  ].join("\n");
}

function spendByPrincipal(o: DemoOutputs): string {
  const out = spendAnswer(o, "spendByPrincipal");
  const rows = (out?.rows ?? []).map((r) => [
    r.principal ?? "(no principal: provisioned hours, unattributed estimates)",
    formatUsd(r.costUsd),
    formatPct(r.share),
  ]);
  return `${alignedTable(["principal", "cost", "share"], rows)}\n`;
}

/** Incidents first (each event once, with its driver chain), then data gaps with their fix. */
function anomalies(o: DemoOutputs): string {
  const out = answerOf(o.sections, "anomalies", "detect_anomalies");
  if (!out) return "";
  const lines = [capabilityNamed("detect_anomalies").summarize(out)];
  for (const i of out.incidents.slice(0, MAX_INCIDENTS)) {
    lines.push(`• ${headline(i)} — ${incidentStatus(i).plain} (${i.source})`);
    const chain = i.driverChain.map((l) => `${l.dimension} ${linkText(l)}`).join(" → ");
    const hours = i.hours.length ? `; hours ${i.hours.map((h) => h.slice(11)).join(" ")}` : "";
    lines.push(`    driver: ${chain || "all Bedrock"}${hours}`);
  }
  if (out.incidents.length > MAX_INCIDENTS)
    lines.push(`  … and ${out.incidents.length - MAX_INCIDENTS} more (report anomalies)`);
  for (const g of out.dataGaps) {
    lines.push(
      `! data gap: no ${GAP_SOURCE_TEXT[g.source]} for ${gapWhere(g)} since ${sinceText(g.since)} (no data, not $0)`,
    );
    lines.push(`    fix: ${g.fix}`);
  }
  lines.push(`  Every anomaly behind them (each series, day and hour): report anomalies --db ./data/demo.db`);
  return `${lines.join("\n")}\n`;
}

function budgets(o: DemoOutputs): string {
  const s = get(o, "budgets");
  const out = answerOf(o.sections, "budgets", "get_budget_status");
  if (!s || !out) return "";
  const crossings = out.budgets
    .filter((b) => b.actualUsd >= b.limitUsd || b.forecastUsd >= b.limitUsd)
    .map((b) =>
      b.actualUsd >= b.limitUsd
        ? `! budget ${b.name} crossed its ${formatUsd(b.limitUsd)} limit on ${b.exhaustedOn ?? "—"}: ${formatUsd(b.actualUsd)} so far`
        : `! budget ${b.name} is forecast to cross its ${formatUsd(b.limitUsd)} limit${b.exhaustedOn ? ` on ${b.exhaustedOn}` : ""} (${formatUsd(b.forecastUsd)} by month end)`,
    );
  return `${capabilityText(s)}${crossings.length ? `${crossings.join("\n")}\n` : ""}`;
}

const TOP_SAVINGS = 5;

/** The top opportunities, each with what to change, dollars a month, confidence and the arithmetic. */
function savings(o: DemoOutputs): string {
  const out = answerOf(o.sections, "savings", "get_savings_opportunities");
  if (!out) return "";
  const lines = [capabilityNamed("get_savings_opportunities").summarize(out)];
  for (const x of out.opportunities.slice(0, TOP_SAVINGS)) {
    const from = x.actionableFrom ? ` from ${x.actionableFrom}` : "";
    const counted = x.countedInTotal ? "" : ", overlaps a larger one";
    lines.push(`• ${formatUsd(x.monthlySavingsUsd)}/month${from} (${x.confidence}${counted}): ${x.title}`);
    lines.push(`    ${x.evidence.arithmetic}`);
    lines.push(`    → ${x.action[0]}`);
  }
  if (out.opportunities.length > TOP_SAVINGS)
    lines.push(`  … and ${out.opportunities.length - TOP_SAVINGS} more (report savings)`);
  return `${lines.join("\n")}\n`;
}

const NEXT_STEPS = [
  "Ask your AI assistant:      npx bedrock-spend mcp --db ./data/demo.db",
  "Slice it yourself:          npx bedrock-spend report spend --db ./data/demo.db --by model,day",
  "Connect a real AWS account: npx bedrock-spend init",
];

/** The demo's human report: every section, the Slack previews as plain text, then next steps. */
export function demoReport(
  o: DemoOutputs,
  meta: { now: string; dbPath: string; slackJson?: boolean },
): string {
  const parts = [
    `bedrock-spend demo: a synthetic org (3 accounts, 12 models) as of ${meta.now}, collected through a local AWS sandbox into ${meta.dbPath}\n`,
    heading("Spend this month by model"),
    spendByModel(o),
    heading("Spend this month by principal"),
    spendByPrincipal(o),
    heading("Anomalies (last 14 days)"),
    anomalies(o),
    heading("Budgets"),
    budgets(o),
  ];
  for (const [key, title] of [
    ["idle", "Idle provisioned throughput"],
    ["lifecycle", "Models being retired"],
  ] as const) {
    const s = get(o, key);
    if (s) parts.push(heading(title), capabilityText(s));
  }
  if (get(o, "savings")) parts.push(heading("Savings opportunities (last 30 billed days)"), savings(o));
  const rec = get(o, "reconcile");
  if (rec)
    parts.push(
      heading("Billed vs estimated (reconcile)"),
      `${capabilityNamed(rec.tool).summarize(rec.output)}\n`,
    );
  if (meta.slackJson)
    parts.push(heading("Slack Block Kit (digest, alerts, savings)"), `${JSON.stringify(o.slack, null, 2)}\n`);
  else {
    parts.push(heading("Slack digest (preview)"), slackText(o.slack.digest));
    parts.push(heading("Slack alerts (preview)"), slackText(o.slack.alerts));
    if (o.slack.savings) parts.push(heading("Slack weekly savings (preview)"), slackText(o.slack.savings));
  }
  parts.push(heading("Next steps"), `${NEXT_STEPS.join("\n")}\n`);
  return parts.join("");
}
