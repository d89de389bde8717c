import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { listLeases } from "../../src/store/queries/job-lease.js";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import { cliEnv, finished, spawnCli, waitForStderr } from "../helpers/cli.js";
import { fileDb, TEST_ENGINE, tempDir } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";

/**
 * Two real `serve` processes on one store (PostgreSQL in the CI pass that sets
 * BEDROCK_SPEND_TEST_PG, a SQLite file otherwise), alerts every 2 s, each Slack post answered
 * after 700 ms. The replica holding the alerts lease is SIGKILLed in the middle of its run: the
 * other one takes the lease over once it expires and posts the rest; nothing is posted twice.
 */

const NOW = "2026-11-06T09:30:00Z";
const TOKEN = "replica-mcp-token-5e1";
const BUDGETS = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"];

function config(curDir: string): string {
  const path = join(tempDir(), "bedrock-spend.config.yaml");
  const budgets = BUDGETS.map((n) => `  - { name: ${n}, monthlyUsd: 0.01 }`).join("\n");
  writeFileSync(
    path,
    `cur: { source: "${curDir}" }
collect: { schedule: { cur: "*/3 * * * * *" } }
budgets:
${budgets}
slack:
  channel: C0ALERTS
  port: 0
  alerts: { cron: "*/2 * * * * *" }
  digest: { cron: "0 0 1 1 *" }
  savings: { cron: "0 0 1 1 *" }
mcp: { port: 0 }
serve: { leaseSeconds: 3 }
`,
  );
  return path;
}

async function spend(url: string): Promise<unknown> {
  const client = new Client({ name: "replica-test", version: "0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    }),
  );
  const r = await client.callTool({
    name: "get_spend_by_model",
    arguments: { from: "2026-10-01", to: "2026-11-06" },
  });
  await client.close();
  return r.structuredContent;
}

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 45_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe(`two serve replicas on one ${TEST_ENGINE} store`, { timeout: 180_000 }, () => {
  let fake: FakeSlack;
  let store: { db: Db; path: string };
  const replicas: ChildProcess[] = [];
  const runs: Promise<{ code: number | null; stdout: string; stderr: string }>[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.slow("chat.postMessage", 700);
    store = await fileDb();
    const gen = await generateCurExport({ root: tempDir(), now: new Date(NOW), months: 2, daysPerPeriod: 2 });
    const env = cliEnv({
      BEDROCK_SPEND_NOW: NOW,
      BEDROCK_SPEND_DB: store.path,
      BEDROCK_SPEND_CONFIG: config(gen.exportDir),
      BEDROCK_SPEND_MCP_TOKEN: TOKEN,
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-replica-test",
      SLACK_SIGNING_SECRET: "replica-signing-secret",
    });
    const ingest = await finished(spawnCli(["ingest-cur", gen.exportDir], env));
    expect(ingest.code, ingest.stderr).toBe(0);
    for (let i = 0; i < 2; i++) {
      const child = spawnCli(["serve"], env);
      replicas.push(child);
      runs.push(finished(child));
    }
  });

  afterAll(async () => {
    for (const r of replicas) if (r.exitCode === null && r.signalCode === null) r.kill("SIGTERM");
    await Promise.all(runs);
    await store.db.destroy();
    await fake.close();
  });

  it("each alert is posted once though the lease holder dies mid-run; MCP answers from either replica", async () => {
    const urls = await Promise.all(
      replicas.map(
        async (r) => (await waitForStderr(r, /MCP listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/))[1],
      ),
    );
    // MCP over HTTP is stateless: both replicas answer the same question with the same figures.
    const [a, b] = await Promise.all(urls.map(spend));
    expect(a).toEqual(b);
    expect((a as { totalCostUsd: number }).totalCostUsd).toBeGreaterThan(0);

    await fake.waitFor("chat.postMessage", 3, 45_000);
    const lease = (await listLeases(store.db)).find((l) => l.job === "slack-alerts");
    expect(lease?.state).toBe("running");
    const pid = Number(lease?.holder.split(":")[1]);
    const holder = replicas.find((r) => r.pid === pid);
    const survivor = replicas.find((r) => r.pid !== pid);
    expect(holder).toBeDefined();
    holder?.kill("SIGKILL");

    const posts = () => fake.of("chat.postMessage").map((c) => String(c.args.text));
    const budgetPosts = () => posts().filter((t) => /budget/i.test(t));
    // The survivor takes the expired lease at its next tick and posts what the dead one had not.
    await until("a post for every budget", () =>
      BUDGETS.every((n) =>
        budgetPosts().some((t) => t.includes(` ${n} `) || t.includes(`${n}:`) || t.includes(`*${n}*`)),
      ),
    );
    const settled = posts().length;
    await new Promise((r) => setTimeout(r, 6_000)); // three more alert ticks: nothing new, nothing again
    expect(posts()).toHaveLength(settled);
    expect(new Set(posts()).size).toBe(posts().length);
    expect(budgetPosts(), posts().join("\n")).toHaveLength(BUDGETS.length);

    const leases = await listLeases(store.db);
    const alerts = leases.find((l) => l.job === "slack-alerts");
    expect(alerts?.holder.split(":")[1]).toBe(String(survivor?.pid));
    expect(leases.map((l) => l.job)).toEqual(expect.arrayContaining(["collect-cur", "slack-alerts"]));
    // Every ledger key was claimed once; the one in flight when the holder died stays claimed.
    const ledger = await store.db.selectFrom("slack_post_ledger").select(["key", "status"]).execute();
    expect(ledger.filter((l) => l.status !== "superseded").length).toBe(settled);
    // No CUR period half-replaced: each period's rows are exactly those of its recorded ingest.
    for (const p of await store.db.selectFrom("cur_period").selectAll().execute()) {
      const log = await store.db
        .selectFrom("ingest_log")
        .selectAll()
        .where("id", "=", p.ingest_id)
        .executeTakeFirstOrThrow();
      const rows = await store.db
        .selectFrom("cost_daily")
        .select((eb) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.max("ingest_id").as("max"),
          eb.fn.min("ingest_id").as("min"),
        ])
        .where("period", "=", p.period)
        .executeTakeFirstOrThrow();
      expect(log.status).toBe("ok");
      expect([Number(rows.min), Number(rows.max)]).toEqual([p.ingest_id, p.ingest_id]);
    }
    expect(survivor?.exitCode).toBeNull();
  });
});
