import { alignedTable, type Cell, formatInt, formatPct, formatUsd } from "../util/table.js";
import type { DemoOutputs, DemoSection } from "./outputs.js";
import { answerOf, capabilityNamed } from "./outputs.js";
import { slackText } from "./slack-text.js";

const MAX_ANOMALIES = 6;

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
  return [
    `${all.from} → ${all.to}: billed (CUR) through ${p.billedThrough ?? "—"}, estimated (CloudWatch tokens × list prices) from ${p.estimatedFrom ?? "—"}`,
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

function anomalies(o: DemoOutputs): string {
  const out = answerOf(o.sections, "anomalies", "detect_anomalies");
  if (!out) return "";
  const lines = [capabilityNamed("detect_anomalies").summarize(out)];
  for (const a of out.anomalies.slice(0, MAX_ANOMALIES)) {
    lines.push(
      `• ${a.date} ${a.direction} on ${a.dimension} ${a.key ?? "(all Bedrock)"}: ${formatUsd(a.actualUsd)} vs ${formatUsd(a.expectedUsd)} expected (score ${a.score.toFixed(1)}, ${a.source})`,
    );
    const drivers = a.drivers
      .slice(0, 3)
      .map((d) => `${d.dimension} ${d.key ?? "—"} ${formatUsd(d.impactUsd)}`);
    if (drivers.length) lines.push(`    drivers: ${drivers.join("; ")}`);
  }
  if (out.anomalies.length > MAX_ANOMALIES)
    lines.push(`  … and ${out.anomalies.length - MAX_ANOMALIES} more (report anomalies)`);
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
    `bedrock-spend demo: a synthetic org (3 accounts, 10 models) as of ${meta.now}, collected through a local AWS sandbox into ${meta.dbPath}\n`,
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
  const rec = get(o, "reconcile");
  if (rec)
    parts.push(
      heading("Billed vs estimated (reconcile)"),
      `${capabilityNamed(rec.tool).summarize(rec.output)}\n`,
    );
  if (meta.slackJson)
    parts.push(heading("Slack Block Kit (digest, alerts)"), `${JSON.stringify(o.slack, null, 2)}\n`);
  else {
    parts.push(heading("Slack digest (preview)"), slackText(o.slack.digest));
    parts.push(heading("Slack alerts (preview)"), slackText(o.slack.alerts));
  }
  parts.push(heading("Next steps"), `${NEXT_STEPS.join("\n")}\n`);
  return parts.join("");
}
