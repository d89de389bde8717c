import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capabilities, registry } from "../../src/capabilities/index.js";
import { recomputeEstimates } from "../../src/derive/estimate.js";
import { answerCommand } from "../../src/slack/answers.js";
import { createSlackApp } from "../../src/slack/app.js";
import { chainKey } from "../../src/slack/blocks/incident-parts.js";
import { headline, incidentStatus } from "../../src/slack/blocks/incidents.js";
import { runAlerts } from "../../src/slack/jobs/alerts.js";
import { jobDepsOf, slackDepsOf } from "../../src/slack/run.js";
import type { SlackDeps } from "../../src/slack/types.js";
import type { Db } from "../../src/store/db.js";
import { activeMutes, listTriage } from "../../src/store/queries/slack.js";
import { deps as capDeps, NOW, seedOrg } from "../capabilities/analysis-fixture.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { NOW as PRICING_NOW, seedPricingOrg } from "../helpers/pricing-org.js";
import { buttonBody, postSigned } from "../helpers/slack-request.js";

const SECRET = "registry-signing-secret";

/** Slack against the REAL capability registry on a real SQLite store (no stand-ins). */
const CONFIG = { budgets: [{ name: "all-bedrock", monthlyUsd: 4000 }], slack: { channel: "C0SPEND" } };
const byName = (name: string) => {
  const cap = capabilities.find((c) => c.name === name);
  if (!cap) throw new Error(`${name} is not in the registry`);
  return cap;
};

describe("Slack answers from the real registry", () => {
  let db: Db;
  let deps: SlackDeps;
  beforeEach(async () => {
    db = await memoryDb();
    await seedOrg(db, { day: "2026-11-10", usd: 1500 });
    deps = slackDepsOf(capDeps(db, CONFIG), capabilities);
  });
  afterEach(() => db.destroy());

  it("`anomalies` lists the incidents detect_anomalies finds over the last 7 days", async () => {
    const cap = byName("detect_anomalies");
    const direct = await cap.run(deps, cap.inputSchema.parse({ from: "2026-11-10", to: "2026-11-16" }));
    expect(direct.anomalies.length).toBeGreaterThanOrEqual(5);
    expect(direct.incidents).toHaveLength(1);
    const a = await answerCommand(deps, "anomalies");
    expect(a.ephemeral).toBe(false);
    expect(a.message.text).toMatch(/^1 Bedrock spend incident, net impact \+\$/);
    expect(JSON.stringify(a.message.blocks)).toContain(direct.incidents[0].title);
    expect(JSON.stringify(a.message.blocks)).toContain(`Anomalies (all views)*\\n${direct.anomalies.length}`);
  });

  it("`budgets` shows get_budget_status for the configured budget, over its limit", async () => {
    const cap = byName("get_budget_status");
    const direct = await cap.run(deps, cap.inputSchema.parse({}));
    expect(direct.budgets[0].actualUsd).toBeGreaterThan(4000);
    const a = await answerCommand(deps, "budgets");
    expect(a.ephemeral).toBe(false);
    expect(a.message.text).toBe(`Bedrock budgets ${direct.month}: 1 over, 0 forecast to exceed`);
    expect(JSON.stringify(a.message.blocks)).toContain("all-bedrock");
  });

  it("`status` runs onboarding_status, which tells a workspace with no accounts how to add one", async () => {
    expect(capabilities.some((c) => c.name === "onboarding_status")).toBe(true);
    const a = await answerCommand(deps, "status");
    expect(a.ephemeral).toBe(true);
    expect(a.message.text).toContain("no accounts configured: run bedrock-spend init");
  });
});

describe("`idle` from list_idle_throughput", () => {
  it("names the idle provisioned throughput and its idle cost", async () => {
    const db = await memoryDb();
    await seedPricingOrg(db);
    await recomputeEstimates(db, { now: PRICING_NOW });
    const deps = slackDepsOf(
      { ...capDeps(db, { accounts: [{ id: "111111111111", name: "prod" }] }), now: () => PRICING_NOW },
      capabilities,
    );
    const cap = byName("list_idle_throughput");
    const direct = await cap.run(deps, cap.inputSchema.parse({}));
    expect(direct.items.length).toBe(1);
    const a = await answerCommand(deps, "idle");
    expect(a.ephemeral).toBe(false);
    expect(a.message.text).toMatch(/^1 idle provisioned throughputs, \$/);
    expect(JSON.stringify(a.message.blocks)).toContain("nova-pro-reserved-capacity");
    await db.destroy();
  });

  it("answers for a throughput the CUR has not billed yet: its idle cost is unknown, not $0", async () => {
    const db = await memoryDb();
    await seedPricingOrg(db);
    await db.deleteFrom("cost_daily").where("pricing_model", "=", "provisioned").execute();
    await recomputeEstimates(db, { now: PRICING_NOW });
    const deps = slackDepsOf(
      { ...capDeps(db, { accounts: [{ id: "111111111111", name: "prod" }] }), now: () => PRICING_NOW },
      capabilities,
    );
    const cap = registry.list_idle_throughput;
    const direct = await cap.run(deps, cap.inputSchema.parse({}));
    expect(direct.items.map((i) => i.idleCostUsd)).toEqual([null]);
    const a = await answerCommand(deps, "idle");
    expect(a.ephemeral).toBe(false);
    const shown = JSON.stringify(a.message.blocks);
    expect(shown).toContain("nova-pro-reserved-capacity");
    expect(shown).toContain("not billed yet");
    expect(shown).not.toContain("$0.00");
    await db.destroy();
  });
});

describe("run-alerts against the real registry", () => {
  let fake: FakeSlack;
  let db: Db;
  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    // On the last billed days (the CUR billed through the 14th): news when the bill arrives.
    await seedOrg(db, { day: "2026-11-13", usd: 1500 });
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
  });

  it("posts the budget once and the five-dimension spike as ONE incident message; its every anomaly is triaged with it", async () => {
    const base = slackDepsOf(capDeps(db, CONFIG), capabilities);
    const deps = jobDepsOf(base, { botToken: "xoxb-test", apiUrl: fake.apiUrl }, "C0SPEND");
    const cap = registry.detect_anomalies;
    const found = await cap.run(deps, cap.inputSchema.parse({ from: "2026-11-09", to: "2026-11-16" }));
    const spikeIds = found.anomalies.filter((a) => a.date === "2026-11-13").map((a) => a.id);
    expect(spikeIds.length).toBe(5);
    expect(found.incidents).toHaveLength(1);
    const [incident] = found.incidents;
    expect([...incident.anomalyIds].sort()).toEqual([...spikeIds].sort());

    const first = await runAlerts(deps, new Date(NOW));
    expect(first.failed).toEqual([]);
    expect(first.posted.filter((k) => k.startsWith("incident:"))).toEqual([`incident:${incident.id}`]);
    expect(first.posted.filter((k) => k.startsWith("budget:all-bedrock:2026-11:"))).toHaveLength(1);
    const posts = fake.of("chat.postMessage");
    expect(posts).toHaveLength(first.posted.length);
    const triage = await listTriage(db);
    expect(triage.map((t) => t.anomaly_id).sort()).toEqual([...spikeIds].sort());
    expect(new Set(triage.map((t) => t.ts)).size).toBe(1);
    const post = posts.find(
      (p) => p.args.text === `${headline(incident)} — ${incidentStatus(incident).plain}`,
    );
    expect(triage[0].ts).toBe(post?.answer?.ts);

    const again = await runAlerts(deps, new Date(NOW));
    expect(again).toEqual({ posted: [], updated: [], failed: [] });
    expect(fake.of("chat.postMessage")).toHaveLength(posts.length);

    // "Mute 7 days" on the incident mutes its driver chain, marks all five anomalies, redraws it once.
    const runtime = createSlackApp(base, {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      minIntervalMs: 0,
    });
    const { port } = await runtime.start();
    try {
      const body = buttonBody({
        actionId: "mute_7d",
        value: incident.id,
        responseUrl: `${fake.url}/response/9`,
        ts: triage[0].ts ?? "",
        channel: triage[0].channel ?? "",
      });
      expect(
        (await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET })).status,
      ).toBe(200);
      const [update] = await fake.waitFor("chat.update", 1);
      expect(update.args).toMatchObject({ channel: triage[0].channel, ts: triage[0].ts });
      expect(JSON.stringify(update.args.blocks)).toContain("Muted for 7 days by <@U0456>");
      expect((await listTriage(db)).map((t) => t.state)).toEqual(spikeIds.map(() => "muted"));
      expect([...(await activeMutes(db, NOW))]).toEqual([`incident\u0000${chainKey(incident.driverChain)}`]);
    } finally {
      await runtime.stop();
    }
  });
});
