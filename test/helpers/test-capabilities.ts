import { sql } from "kysely";
import { z } from "zod";
import { daySchema, resolveRange } from "../../src/capabilities/common.js";
import { defineCapability } from "../../src/capabilities/types.js";
import { UsageError } from "../../src/errors.js";
import { formatUsd } from "../../src/util/table.js";

/**
 * Small real capabilities for the MCP contract tests: the registry is filled by other branches,
 * so these make sure the generic registration path runs against real SQLite queries now.
 */
export const sumCostByModelAccount = defineCapability({
  name: "sum_cost_by_model_account",
  title: "Test: cost by model and account",
  description: "Sums billed cost (USD) by model and account for a UTC date range (default: this month).",
  inputSchema: z.strictObject({
    from: daySchema.optional().describe("First day, inclusive"),
    to: daySchema.optional().describe("Last day, inclusive"),
    minCostUsd: z.number().min(0).optional().describe("Drop rows below this cost (USD)"),
  }),
  outputSchema: z.object({
    from: z.string(),
    to: z.string(),
    totalCostUsd: z.number(),
    rows: z.array(
      z.object({ model: z.string(), account: z.string(), costUsd: z.number(), tokens: z.number() }),
    ),
  }),
  openWorld: false,
  async run(deps, input) {
    if (input.from && input.to && input.from > input.to)
      throw new UsageError(`from ${input.from} is after to ${input.to}: swap them`);
    const { from, to } = await resolveRange(deps, input);
    const rows = await deps.db
      .selectFrom("cost_daily")
      .select([
        "model",
        "account",
        sql<number>`sum(cost_usd)`.as("costUsd"),
        sql<number>`sum(tokens)`.as("tokens"),
      ])
      .where("day", ">=", from)
      .where("day", "<=", to)
      .groupBy(["model", "account"])
      .having(sql<number>`sum(cost_usd)`, ">=", input.minCostUsd ?? 0)
      .orderBy("costUsd", "desc")
      .execute();
    return { from, to, totalCostUsd: rows.reduce((s, r) => s + r.costUsd, 0), rows };
  },
  summarize: (out) => `${formatUsd(out.totalCostUsd)} on Bedrock from ${out.from} to ${out.to}`,
  table: (out) => ({
    headers: ["model", "account", "cost"],
    rows: out.rows.map((r) => [r.model, r.account, formatUsd(r.costUsd)]),
  }),
  rowsKey: "rows",
  report: "test-cost",
});

/** Fails the way a broken dependency would: the message carries something secret. */
export const SECRET = "AKIAEXAMPLESECRET123";
export const failingProbe = defineCapability({
  name: "probe_failing_dependency",
  title: "Test: failing dependency",
  description: "Always fails with an unexpected error.",
  inputSchema: z.strictObject({}),
  outputSchema: z.object({ ok: z.boolean() }),
  openWorld: true,
  async run() {
    throw new Error(`connect failed with key ${SECRET}`);
  },
  summarize: () => "never",
  table: () => ({ headers: [], rows: [] }),
  rowsKey: "ok",
  report: "test-fail",
});

/** Breaks its own output schema: the server must not pass it on as data. */
export const brokenOutput = defineCapability({
  name: "report_broken_output",
  title: "Test: output that breaks its schema",
  description: "Returns a string where a number is declared.",
  inputSchema: z.strictObject({}),
  outputSchema: z.object({ totalCostUsd: z.number() }),
  openWorld: false,
  async run() {
    return { totalCostUsd: "lots" } as unknown as { totalCostUsd: number };
  },
  summarize: () => "never",
  table: () => ({ headers: [], rows: [] }),
  rowsKey: "totalCostUsd",
  report: "test-broken",
});

export const testCapabilities = [sumCostByModelAccount, failingProbe, brokenOutput];
