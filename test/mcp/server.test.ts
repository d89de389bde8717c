import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db } from "../../src/store/db.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { memoryDb } from "../helpers/db.js";
import { connectInMemory, memoryLogger, testDeps, textOf, validateAdvertisedOutput } from "../helpers/mcp.js";
import { SECRET, sumCostByModelAccount, testCapabilities } from "../helpers/test-capabilities.js";

const NOW = "2026-11-26T12:00:00Z";
const all = [...capabilities, ...testCapabilities];

describe("MCP server over the in-memory transport", () => {
  let db: Db;
  let client: Client;
  let close: () => Promise<void>;
  const log = memoryLogger();

  beforeAll(async () => {
    db = await memoryDb();
    await seedCostRows(db, { lastDay: "2026-11-25", days: 60 });
    ({ client, close } = await connectInMemory(testDeps(db, NOW, log), all));
  });
  afterAll(async () => {
    await close();
    await db.destroy();
  });

  it("lists every capability as a read-only tool with its title and annotations", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(all.map((c) => c.name).sort());
    for (const cap of all) {
      const tool = tools.find((t) => t.name === cap.name)!;
      expect(tool.title).toBe(cap.title);
      expect(tool.description).toBe(cap.description);
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: cap.openWorld,
      });
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
    }
  });

  it("returns structuredContent that validates against every tool's declared output schema", async () => {
    const { tools } = await client.listTools();
    // Covers every registered capability once merged; open-world tools need live AWS.
    const offline = all.filter((c) => !c.openWorld && c.name !== "report_broken_output");
    expect(offline.length).toBeGreaterThan(0);
    for (const cap of offline) {
      const result = await client.callTool({ name: cap.name, arguments: {} });
      expect(result.isError, `${cap.name}: ${textOf(result)}`).toBeFalsy();
      expect(cap.outputSchema.safeParse(result.structuredContent).success).toBe(true);
      const tool = tools.find((t) => t.name === cap.name)!;
      expect(validateAdvertisedOutput(tool, result.structuredContent)).toBeUndefined();
      expect(textOf(result).split("\n")[0]).toBe(cap.summarize(result.structuredContent));
    }
  });

  it("puts what was not evaluated under the summary: a model reading only the text sees it", async () => {
    // The store has cost rows through the 25th; today (the 26th) has none yet.
    const result = await client.callTool({ name: "detect_anomalies", arguments: { granularity: "day" } });
    expect(result.structuredContent).toMatchObject({
      to: "2026-11-26",
      evaluatedThrough: { day: "2026-11-25" },
    });
    const lines = textOf(result).split("\n");
    expect(lines[0]).toContain("2026-11-26 (evaluated through 2026-11-25)");
    expect(lines[1]).toBe("note: no cost data after 2026-11-25; 2026-11-26 not evaluated (unknown, not $0)");
  });

  it("answers from the real store: summary line plus a TSV table capped at 20 rows", async () => {
    const result = await client.callTool({
      name: "sum_cost_by_model_account",
      arguments: { from: "2026-11-01", to: "2026-11-25" },
    });
    const out = sumCostByModelAccount.outputSchema.parse(result.structuredContent);
    const expected = await db
      .selectFrom("cost_daily")
      .select((eb) => eb.fn.sum<number>("cost_usd").as("sum"))
      .where("day", ">=", "2026-11-01")
      .where("day", "<=", "2026-11-25")
      .executeTakeFirstOrThrow();
    expect(out.totalCostUsd).toBeCloseTo(expected.sum, 6);
    expect(out.rows).toHaveLength(30);
    const lines = textOf(result).split("\n");
    expect(lines[0]).toMatch(/^\$[\d,]+\.\d{2} on Bedrock from 2026-11-01 to 2026-11-25$/);
    expect(lines[2]).toBe("model\taccount\tcost");
    expect(lines.slice(3, 23)).toHaveLength(20);
    expect(lines[3].split("\t")).toHaveLength(3);
    expect(lines[23]).toBe("… 10 more rows in structuredContent.rows");
  });

  it("turns a malformed argument into an isError naming the field", async () => {
    const result = await client.callTool({
      name: "sum_cost_by_model_account",
      arguments: { from: "2026-13-01" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/from/);
    expect(textOf(result)).toMatch(/YYYY-MM-DD/);
    const unknown = await client.callTool({ name: "sum_cost_by_model_account", arguments: { form: "x" } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/form/);
  });

  it("turns a UsageError from the capability into an isError that says what to do next", async () => {
    const result = await client.callTool({
      name: "sum_cost_by_model_account",
      arguments: { from: "2026-11-20", to: "2026-11-01" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "sum_cost_by_model_account: from 2026-11-20 is after to 2026-11-01: swap them. Fix the argument and call sum_cost_by_model_account again.",
    );
  });

  it("hides unexpected errors behind a generic message and keeps secrets out of the result", async () => {
    const result = await client.callTool({ name: "probe_failing_dependency", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/internal error/);
    expect(textOf(result)).not.toContain(SECRET);
    expect(textOf(result)).not.toMatch(/at .*\.ts:\d+/);
    expect(log.lines).toContain(
      "error: mcp tool probe_failing_dependency failed: connect failed with key [redacted]",
    );
    expect(log.lines.join("\n")).not.toContain(SECRET);
  });

  it("never passes on output that breaks the capability's own schema", async () => {
    const result = await client.callTool({ name: "report_broken_output", arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toMatch(/internal error/);
  });

  it("serves the instructions and the five prompts from prompts/*.md", async () => {
    expect(client.getInstructions()).toMatch(/billedThrough/);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      "budget-check",
      "cost_reduction_review",
      "investigate-anomaly",
      "onboarding-help",
      "weekly-spend-review",
    ]);
    const budget = await client.getPrompt({ name: "budget-check", arguments: { month: "2026-10" } });
    const text = (budget.messages[0].content as { text: string }).text;
    expect(text).toMatch(/^Check the Amazon Bedrock budgets for 2026-10\./);
    expect(text).toContain("get_budget_status");
    expect(text).not.toContain("{{");
    const review = await client.getPrompt({
      name: "cost_reduction_review",
      arguments: { account: "111111111111", minMonthlyUsd: "50" },
    });
    const reviewText = (review.messages[0].content as { text: string }).text;
    expect(reviewText).toMatch(/^Review how to spend less on Amazon Bedrock in account 111111111111 \(pass/);
    expect(reviewText).toContain("Call `get_savings_opportunities` with minMonthlyUsd 50.");
    expect(reviewText).not.toContain("{{");
    const plain = await client.getPrompt({ name: "cost_reduction_review", arguments: {} });
    expect((plain.messages[0].content as { text: string }).text).toMatch(
      /^Review how to spend less on Amazon Bedrock, without hurting anyone\.\n\n1\. Call `get_savings_opportunities`\. /,
    );
    const onboarding = await client.getPrompt({ name: "onboarding-help", arguments: {} });
    expect((onboarding.messages[0].content as { text: string }).text).toMatch(
      /^Help the user finish setting up bedrock-spend\./,
    );
  });
});
