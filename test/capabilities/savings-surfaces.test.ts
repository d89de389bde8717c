import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities, registry, type ToolOutput } from "../../src/capabilities/index.js";
import { parseConfig } from "../../src/config.js";
import { answerCommand } from "../../src/slack/answers.js";
import { sendWeeklySavings, WEEKLY_TOP } from "../../src/slack/jobs/savings.js";
import { jobDepsOf, slackDepsOf } from "../../src/slack/run.js";
import { ledgerRows } from "../../src/store/queries/slack.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { memoryDb } from "../helpers/db.js";
import { buildDemoStore, DEMO_NOW, type DemoStore } from "../helpers/demo-store.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { connectInMemory, testDeps, textOf, validateAdvertisedOutput } from "../helpers/mcp.js";

/** CLI --json, the MCP tool and Slack answer from the same capability output on the demo store. */

const cap = registry.get_savings_opportunities;
let store: DemoStore;
let direct: ToolOutput<"get_savings_opportunities">;

beforeAll(async () => {
  store = await buildDemoStore();
  // No config on any surface: the CLI below runs with --db only.
  store.deps = { ...store.deps, config: parseConfig({}) };
  direct = await cap.run(store.deps, cap.inputSchema.parse({}));
}, 240_000);
afterAll(async () => store?.close());

const day = (n: number) => new Date(Date.parse(DEMO_NOW) + n * 86_400_000);

describe("savings on every surface", () => {
  it("CLI report savings --json prints exactly the tool's structured output; --csv one row per opportunity", async () => {
    const env = cliEnv({ BEDROCK_SPEND_NOW: DEMO_NOW });
    const json = await finished(spawnCli(["report", "savings", "--json", "--db", store.dbPath], env));
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(direct);
    const csv = await finished(
      spawnCli(["report", "savings", "--csv", "--db", store.dbPath, "--kinds", "prompt_caching"], env),
    );
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^id,kind,title,scope,windowSavingsUsd,basisUsd,confidence,/);
    expect(lines).toHaveLength(1 + direct.opportunities.filter((o) => o.kind === "prompt_caching").length);
  });

  it("the MCP tool returns the same structured output, valid against its advertised schema, read-only", async () => {
    const { client, close } = await connectInMemory(store.deps);
    try {
      const { tools } = await client.listTools();
      const tool = tools.find((t) => t.name === "get_savings_opportunities");
      expect(tool?.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: false,
      });
      const result = await client.callTool({ name: "get_savings_opportunities", arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual(direct);
      expect(validateAdvertisedOutput(tool!, result.structuredContent)).toBeUndefined();
      expect(textOf(result).split("\n")[0]).toBe(cap.summarize(direct));
    } finally {
      await close();
    }
  });

  it("the MCP tool names the missing setup step on a store without a CUR", async () => {
    const empty = await memoryDb();
    const { client, close } = await connectInMemory(testDeps(empty, DEMO_NOW));
    try {
      const result = await client.callTool({ name: "get_savings_opportunities", arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/no billed CUR data yet.*ingest a CUR 2\.0 export/s);
    } finally {
      await close();
      await empty.destroy();
    }
  });

  it("/bedrock-spend savings shows the same total and the top opportunities' dollars", async () => {
    const a = await answerCommand(slackDepsOf(store.deps, capabilities), "savings");
    expect(a.ephemeral).toBe(false);
    const usd = (v: number) =>
      `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(a.message.text).toBe(
      `${direct.opportunities.length} savings opportunities, ${usd(direct.totalMonthlyUsd)}/month`,
    );
    const text = JSON.stringify(a.message.blocks);
    for (const o of direct.opportunities.slice(0, 8))
      expect(text).toContain(`*${usd(o.monthlySavingsUsd)}/month*`);
  });
});

describe("the weekly savings post", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => fake?.close());

  it("posts the top counted opportunities, each at most once a week", async () => {
    const post = (n: number) => {
      const base = slackDepsOf({ ...store.deps, now: () => day(n) }, capabilities);
      return sendWeeklySavings(
        jobDepsOf(base, { botToken: "xoxb-test", apiUrl: fake.apiUrl }, "C0SAVE"),
        day(n),
      );
    };
    const counted = direct.opportunities.filter((o) => o.countedInTotal).map((o) => o.id);
    // Ledger keys `savings:<day>:<id>`, per day of posting.
    const shownOn = async (n: number) =>
      (await ledgerRows(store.db))
        .filter(
          (r) =>
            r.kind === "savings-opportunity" &&
            r.key.startsWith(`savings:${day(n).toISOString().slice(0, 10)}:`),
        )
        .map((r) => r.key.slice(19))
        .sort();
    const top = (from: number) => counted.slice(from, from + WEEKLY_TOP).sort();

    expect(await post(0)).toMatchObject({ posted: true });
    expect(await shownOn(0)).toEqual(top(0));
    // The same day again: nothing new is posted.
    expect(await post(0)).toMatchObject({ posted: false });
    // Next day: the next three, none of the first three again.
    expect(await post(1)).toMatchObject({ posted: true });
    expect(await shownOn(1)).toEqual(top(WEEKLY_TOP));
    // A week after the first post, the top ones may be shown again.
    expect(await post(7)).toMatchObject({ posted: true });
    expect(await shownOn(7)).toEqual(top(0));
    const posts = fake.of("chat.postMessage");
    expect(posts).toHaveLength(3);
    expect(posts[0].args.channel).toBe("C0SAVE");
    expect(String(posts[0].args.text)).toMatch(/^Weekly savings: \$[\d,.]+\/month in 3 opportunities$/);
  });
});
