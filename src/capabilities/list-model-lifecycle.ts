import { z } from "zod";
import { findRetiringModels, retirementCandidates } from "../analyze/lifecycle.js";
import { readLifecycleFacts, readModelSpend } from "../store/queries/lifecycle.js";
import { addDays, isoDay } from "../util/dates.js";
import { formatUsd } from "../util/table.js";
import { defineCapability } from "./types.js";

const inputSchema = z.object({
  withinDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe(
      "Only models whose next lifecycle date is within N days (overdue and undated LEGACY models always shown)",
    ),
});

const modelSchema = z.object({
  model: z.string().describe("Canonical model name"),
  modelId: z.string().describe("Bedrock model id"),
  status: z.string().describe("ACTIVE | LEGACY"),
  legacyTime: z.string().nullable().describe("ISO instant the model becomes LEGACY"),
  publicExtendedAccessTime: z
    .string()
    .nullable()
    .describe("ISO instant extended access (higher prices) starts"),
  endOfLifeTime: z.string().nullable().describe("ISO instant the model stops working"),
  nextDate: z.string().nullable().describe("Next of these dates after now; null when all passed or none set"),
  nextEvent: z.enum(["legacy", "extended_access", "end_of_life"]).nullable(),
  daysUntilNext: z.number().nullable(),
  spendLast30dUsd: z
    .number()
    .describe("Spend on the model over the last 30 days (billed, then estimated), USD"),
  accounts: z.array(z.string()).describe("Accounts that spent on it"),
  principals: z.array(z.string()).describe("IAM principals that spent on it (when known)"),
});

const outputSchema = z.object({
  asOf: z.string().describe("ISO instant of the check"),
  models: z.array(modelSchema),
});

export const listModelLifecycle = defineCapability({
  name: "list_model_lifecycle",
  title: "Bedrock models being retired that you still pay for",
  description:
    "Models with spend in the last 30 days that are LEGACY or have a legacy, public-extended-access (higher " +
    "prices) or end-of-life date, soonest first, with spend (USD), accounts and principals. withinDays limits " +
    "to models whose next date is within N days. Dates come from the collected ListFoundationModels inventory.",
  inputSchema,
  outputSchema,
  openWorld: false,
  async run(deps, input) {
    const now = deps.now();
    const today = isoDay(now);
    const facts = await readLifecycleFacts(deps.db);
    const spend = await readModelSpend(deps.db, addDays(today, -29), today, retirementCandidates(facts));
    const models = findRetiringModels(facts, spend, {
      now,
      withinDays: input.withinDays,
    });
    return { asOf: now.toISOString(), models };
  },
  summarize(out) {
    if (!out.models.length)
      return "No model you paid for in the last 30 days is legacy or scheduled for retirement";
    const first = out.models[0];
    const next = first.nextDate
      ? `${first.nextEvent} on ${first.nextDate.slice(0, 10)}`
      : "past its last lifecycle date";
    return `${out.models.length} model(s) you pay for are being retired; soonest: ${first.model} (${next}, ${formatUsd(first.spendLast30dUsd)} in 30 days)`;
  },
  table(out) {
    return {
      headers: ["model", "status", "next", "date", "days", "spend 30d", "accounts", "principals"],
      rows: out.models.map((m) => [
        m.model,
        m.status,
        m.nextEvent ?? "overdue",
        m.nextDate?.slice(0, 10) ?? "—",
        m.daysUntilNext,
        formatUsd(m.spendLast30dUsd),
        m.accounts.join(" "),
        m.principals.length,
      ]),
    };
  },
  rowsKey: "models",
  report: "lifecycle",
});
