import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AnyCapability } from "../../src/capabilities/types.js";
import { createSlackApp, type SlackRuntime } from "../../src/slack/app.js";
import type { Db } from "../../src/store/db.js";
import { getTriage, ledgerRows, recordAnomalyPosted } from "../../src/store/queries/slack.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { contractCapability, NOW, slackDeps } from "../helpers/slack-deps.js";
import * as f from "../helpers/slack-fixtures.js";
import { buttonBody, mentionBody, postSigned, slashBody } from "../helpers/slack-request.js";

const SECRET = "test-signing-secret";

describe("Slack app over Bolt's HTTP receiver", () => {
  let fake: FakeSlack;
  let db: Db;
  let runtime: SlackRuntime;
  let events: string;

  async function start(o: { capabilities?: AnyCapability[]; config?: unknown } = {}) {
    runtime = createSlackApp(slackDeps(db, o), {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      minIntervalMs: 0,
    });
    const { port } = await runtime.start();
    events = `http://127.0.0.1:${port}/slack/events`;
  }
  const slash = (text: string, extra: { channel?: string; user?: string } = {}) =>
    postSigned(events, slashBody({ text, responseUrl: `${fake.url}/response/1`, ...extra }), {
      secret: SECRET,
    });
  const reply = async () => (await fake.waitFor("response_url", 1))[0].args;

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
  });
  afterEach(async () => {
    await runtime?.stop();
    await fake.close();
    await db.destroy();
  });

  it("rejects a bad or stale signature with 401 and does no work", async () => {
    await start();
    const body = slashBody({ text: "help", responseUrl: `${fake.url}/response/1` });
    expect((await postSigned(events, body, { secret: "wrong-secret" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect((await postSigned(events, body, { secret: SECRET, timestamp: stale })).status).toBe(401);
    expect((await postSigned(events, body, { secret: SECRET, signature: "v0=deadbeef" })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.of("response_url")).toHaveLength(0);
  });

  it("acks at once and answers help ephemerally through response_url", async () => {
    await start();
    const t0 = performance.now();
    expect((await slash("help")).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(3000);
    const r = await reply();
    expect(r.response_type).toBe("ephemeral");
    expect(JSON.stringify(r.blocks)).toContain("/bedrock-spend [today|yesterday|7d|30d|mtd|last-month]");
  });

  it("bad input gets an ephemeral usage message naming what was wrong", async () => {
    await start();
    await slash("fortnight by model");
    const r = await reply();
    expect(r.response_type).toBe("ephemeral");
    expect(r.text).toContain('unknown period or command "fortnight"');
  });

  it("a capability missing from this build answers 'not available in this build'", async () => {
    await start({ capabilities: [] });
    await slash("idle");
    const r = await reply();
    expect(r.response_type).toBe("ephemeral");
    expect(r.text).toBe("`idle` is not available in this build of bedrock-spend.");
  });

  it("answers budgets in the channel with the capability's figures", async () => {
    const budgets = contractCapability("get_budget_status", () => f.budgets);
    await start({ capabilities: [budgets.cap] });
    await slash("budgets");
    const r = await reply();
    expect(r.response_type).toBe("in_channel");
    expect(budgets.inputs).toEqual([{}]);
    const text = JSON.stringify(r.blocks);
    expect(text).toContain("Bedrock budgets · 2026-11");
    expect(text).toContain("all-bedrock  $8,500.00  $10,000.00   85%");
  });

  it("refuses politely outside the allow-lists", async () => {
    await start({ config: { slack: { channel: "#x", allowChannels: ["C0123"], allowUsers: ["U0456"] } } });
    await slash("help", { user: "U9999" });
    const r = await reply();
    expect(r.response_type).toBe("ephemeral");
    expect(r.text).toMatch(/^Sorry, bedrock-spend is not enabled for you/);
  });

  it("a button click stores the triage, mutes on mute_7d and updates the message", async () => {
    await start();
    const at = NOW.toISOString();
    await recordAnomalyPosted(db, {
      anomalyId: f.anomaly.id,
      dimension: "principal",
      key: f.anomaly.key,
      json: JSON.stringify(f.anomaly),
      channel: "C0123",
      ts: "1700000000.000009",
      at,
    });
    const click = (actionId: string) =>
      postSigned(
        events,
        buttonBody({
          actionId,
          value: f.anomaly.id,
          responseUrl: `${fake.url}/response/2`,
          ts: "1700000000.000009",
        }),
        { secret: SECRET },
      );
    expect((await click("mute_7d")).status).toBe(200);
    const [update] = await fake.waitFor("chat.update", 1);
    expect(update.args).toMatchObject({ channel: "C0123", ts: "1700000000.000009" });
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain("Muted for 7 days by <@U0456>");
    expect(blocks).not.toContain('"actions"');
    expect(await getTriage(db, f.anomaly.id)).toMatchObject({ state: "muted", updated_by: "U0456" });
    const mute = await db.selectFrom("slack_mute").selectAll().executeTakeFirstOrThrow();
    expect(mute).toMatchObject({
      dimension: "principal",
      key: f.anomaly.key,
      muted_until: "2026-12-03T12:00:00.000Z",
    });
  });

  it("an event retried by Slack (X-Slack-Retry-Num) never posts twice", async () => {
    const budgets = contractCapability("get_budget_status", () => f.budgets);
    await start({ capabilities: [budgets.cap] });
    const body = mentionBody({ eventId: "Ev001", text: "budgets" });
    expect((await postSigned(events, body, { secret: SECRET, json: true })).status).toBe(200);
    await fake.waitFor("chat.postMessage", 1);
    expect((await postSigned(events, body, { secret: SECRET, json: true, retryNum: 1 })).status).toBe(200);
    // Even a re-delivery without the header is caught by the ledger (the event id is the key).
    expect((await postSigned(events, body, { secret: SECRET, json: true })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.of("chat.postMessage")).toHaveLength(1);
    expect(budgets.inputs).toHaveLength(2); // the header-less re-delivery ran but did not post
    expect((await ledgerRows(db)).map((r) => [r.key, r.status])).toEqual([["event:Ev001", "posted"]]);
  });
});
