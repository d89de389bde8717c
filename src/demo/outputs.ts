import { registry, type ToolName, type ToolOutput } from "../capabilities/index.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { formatZodIssue } from "../config.js";
import { AppError } from "../errors.js";
import { ingestLogFreshness } from "../slack/freshness.js";
import { alertsPreview, recentAnomalies } from "../slack/jobs/alerts.js";
import { digestPreview } from "../slack/jobs/digest.js";
import { weeklySavingsPreview } from "../slack/jobs/savings.js";
import type { SlackMessage } from "../slack/types.js";

/** One capability answer the demo shows: which tool, the input it was asked, its structured output. */
export interface DemoSection {
  key: string;
  title: string;
  tool: ToolName;
  input: Record<string, unknown>;
  output: ToolOutput<ToolName>;
}

export interface DemoOutputs {
  sections: DemoSection[];
  /** The weekly savings post is null when it has nothing to show. */
  slack: { digest: SlackMessage; alerts: SlackMessage; savings: SlackMessage | null };
}

/** The questions the demo asks, in the order it shows them (defaults: this month, last 14 days…). */
export const DEMO_QUESTIONS: Omit<DemoSection, "output">[] = [
  { key: "spendByModel", title: "Spend this month by model", tool: "get_spend_by_model", input: {} },
  {
    key: "spendByPrincipal",
    title: "Spend this month by principal",
    tool: "get_spend_by_model",
    input: { groupBy: ["principal"] },
  },
  { key: "anomalies", title: "Anomalies (last 14 days)", tool: "detect_anomalies", input: {} },
  { key: "budgets", title: "Budgets this month", tool: "get_budget_status", input: {} },
  { key: "idle", title: "Idle provisioned throughput", tool: "list_idle_throughput", input: {} },
  { key: "lifecycle", title: "Models being retired", tool: "list_model_lifecycle", input: {} },
  { key: "reconcile", title: "Billed vs estimated (reconcile)", tool: "reconcile_spend", input: {} },
  { key: "savings", title: "Savings opportunities", tool: "get_savings_opportunities", input: {} },
];

/** The billed and the estimated part of this month by model, split where the answer's provenance splits. */
type SpendWindow = Pick<ToolOutput<"get_spend_by_model">, "from" | "to"> & {
  provenance: Pick<ToolOutput<"get_spend_by_model">["provenance"], "billedThrough" | "estimatedFrom">;
};

export function spendPartQuestions(spend: SpendWindow): Omit<DemoSection, "output">[] {
  const { billedThrough, estimatedFrom } = spend.provenance;
  const out: Omit<DemoSection, "output">[] = [];
  if (billedThrough && billedThrough >= spend.from) {
    const [to] = [billedThrough, spend.to].sort(); // the earlier day
    const input = { from: spend.from, to, source: "billed" };
    out.push({ key: "spendByModelBilled", title: "Billed part", tool: "get_spend_by_model", input });
  }
  if (estimatedFrom && estimatedFrom <= spend.to) {
    const [, from] = [estimatedFrom, spend.from].sort(); // the later day
    const input = { from, to: spend.to, source: "estimated" };
    out.push({ key: "spendByModelEstimated", title: "Estimated part", tool: "get_spend_by_model", input });
  }
  return out;
}

export function capabilityNamed(name: ToolName): AnyCapability {
  return registry[name];
}

/** The section's output with its tool's real output type; undefined when the demo did not ask it. */
export function answerOf<N extends ToolName>(
  sections: readonly DemoSection[],
  key: string,
  tool: N,
): ToolOutput<N> | undefined {
  const s = sections.find((x) => x.key === key);
  if (!s) return undefined;
  if (s.tool !== tool) throw new AppError(`demo section ${key} answers ${s.tool}, not ${tool}`);
  return s.output as ToolOutput<N>;
}

/** Validates the input with the capability's own schema (defaults applied), then runs it. */
async function ask(deps: Deps, q: Omit<DemoSection, "output">): Promise<DemoSection> {
  const cap = capabilityNamed(q.tool);
  const parsed = cap.inputSchema.safeParse(q.input);
  if (!parsed.success) throw new AppError(formatZodIssue(`demo ${q.tool}`, parsed.error.issues[0]));
  return { ...q, output: await cap.run(deps, parsed.data) };
}

/** Every answer the demo shows, plus the Slack digest and alerts as they would be posted now. */
export async function gatherOutputs(deps: Deps): Promise<DemoOutputs> {
  const sections: DemoSection[] = [];
  for (const q of DEMO_QUESTIONS) sections.push(await ask(deps, q));
  const spend = answerOf(sections, "spendByModel", "get_spend_by_model");
  for (const q of spend ? spendPartQuestions(spend) : []) sections.push(await ask(deps, q));
  const slackDeps = { ...deps, capabilities: registry, freshness: ingestLogFreshness };
  const now = deps.now();
  // The digest and the alerts read the same 7 days of incidents: asked once for both.
  const found = await recentAnomalies(slackDeps, now);
  return {
    sections,
    slack: {
      digest: await digestPreview(slackDeps, now, found),
      alerts: await alertsPreview(slackDeps, now, found),
      savings: await weeklySavingsPreview(slackDeps, now),
    },
  };
}
