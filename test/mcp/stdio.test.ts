import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { CLI_ARGS, cliEnv, finished, REPO_ROOT, spawnCli } from "../helpers/cli.js";
import { fileDb } from "../helpers/db.js";
import { textOf, validateAdvertisedOutput } from "../helpers/mcp.js";

describe("bedrock-spend mcp (stdio, real process)", () => {
  let dbPath: string;
  let client: Client;
  let stderr = "";
  let expectedNovemberUsd = 0;

  beforeAll(async () => {
    const store = await fileDb();
    await seedCostRows(store.db, { lastDay: "2026-11-25", days: 40 });
    const sum = await store.db
      .selectFrom("cost_daily")
      .select((eb) => eb.fn.sum<number>("cost_usd").as("usd"))
      .where("day", ">=", "2026-11-01")
      .executeTakeFirstOrThrow();
    expectedNovemberUsd = sum.usd;
    await store.db.destroy();
    dbPath = store.path;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...CLI_ARGS, "mcp"],
      cwd: REPO_ROOT,
      env: cliEnv({
        BEDROCK_SPEND_DB: dbPath,
        BEDROCK_SPEND_NOW: "2026-11-26T12:00:00Z",
        BEDROCK_SPEND_LOG: "debug",
      }),
      stderr: "pipe",
    });
    transport.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    client = new Client({ name: "stdio-test", version: "0" });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
  });

  it("speaks the protocol on stdout while logs go to stderr", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(capabilities.map((c) => c.name).sort());
    expect(client.getServerVersion()?.name).toBe("bedrock-spend");
    expect(stderr).toContain("mcp: serving on stdio");
  });

  it("serves the prompts", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toContain("weekly-spend-review");
    const p = await client.getPrompt({
      name: "weekly-spend-review",
      arguments: { weekEnding: "2026-11-22" },
    });
    expect((p.messages[0].content as { text: string }).text).toContain("7 days ending 2026-11-22");
  });

  it("answers every registered offline tool with output matching its declared schema", async () => {
    const { tools } = await client.listTools();
    for (const cap of capabilities.filter((c) => !c.openWorld)) {
      const result = await client.callTool({ name: cap.name, arguments: {} });
      expect(result.isError, `${cap.name}: ${textOf(result)}`).toBeFalsy();
      const tool = tools.find((t) => t.name === cap.name)!;
      expect(validateAdvertisedOutput(tool, result.structuredContent)).toBeUndefined();
    }
  });

  it("answers get_spend_by_model from the store it was pointed at, and explains a bad groupBy", async () => {
    const result = await client.callTool({
      name: "get_spend_by_model",
      arguments: { from: "2026-11-01", to: "2026-11-25", groupBy: ["account"] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const out = result.structuredContent as {
      totalCostUsd: number;
      rows: { account: string; costUsd: number }[];
    };
    expect(out.rows.map((r) => r.account).sort()).toEqual(["111111111111", "222222222222", "333333333333"]);
    expect(out.totalCostUsd).toBeCloseTo(expectedNovemberUsd, 6);
    const bad = await client.callTool({ name: "get_spend_by_model", arguments: { groupBy: ["colour"] } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/groupBy/);
    expect(textOf(bad)).toMatch(/colour/);
  });

  it("rejects --port without --http with exit code 2", async () => {
    const run = await finished(spawnCli(["mcp", "--port", "5"], cliEnv({ BEDROCK_SPEND_DB: dbPath })));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--port and --host need --http");
    expect(run.stdout).toBe("");
  });
});
