import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackApp, type SlackRuntime } from "../../src/slack/app.js";
import { createDelivery, createSlackClient } from "../../src/slack/delivery.js";
import { runAlerts } from "../../src/slack/jobs/alerts.js";
import type { JobDeps } from "../../src/slack/jobs/types.js";
import { slackLogger } from "../../src/slack/logger.js";
import type { Db } from "../../src/store/db.js";
import { activeMutes, listTriage } from "../../src/store/queries/slack.js";
import { getIncidentRow } from "../../src/store/queries/slack-incidents.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { contractCapability, NOW, slackDeps } from "../helpers/slack-deps.js";
import * as f from "../helpers/slack-fixtures.js";
import { buttonBody, postSigned } from "../helpers/slack-request.js";

const SECRET = "incident-signing-secret";

/** Buttons on an incident message, clicked through Bolt's real HTTP receiver on a real store. */
describe("triage of an incident", () => {
  let fake: FakeSlack;
  let db: Db;
  let deps: JobDeps;
  let runtime: SlackRuntime;
  let events: string;
  let detected: Record<string, unknown>;

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    detected = { ...f.anomalies, incidents: [f.hourIncident], dataGaps: [] };
    const base = slackDeps(db, {
      capabilities: [contractCapability("detect_anomalies", () => detected).cap],
    });
    const client = createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger));
    deps = {
      ...base,
      channel: "#bedrock-spend",
      delivery: createDelivery({ client, db, now: base.now, log: base.log, minIntervalMs: 0 }),
    };
    runtime = createSlackApp(base, {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      minIntervalMs: 0,
    });
    events = `http://127.0.0.1:${(await runtime.start()).port}/slack/events`;
  });
  afterEach(async () => {
    await runtime.stop();
    await fake.close();
    await db.destroy();
  });

  async function click(actionId: string) {
    const [post] = fake.of("chat.postMessage");
    const body = buttonBody({
      actionId,
      value: f.hourIncident.id,
      responseUrl: `${fake.url}/response/7`,
      ts: String(post.answer?.ts),
      channel: String(post.answer?.channel),
    });
    expect((await postSigned(events, body, { secret: SECRET })).status).toBe(200);
  }

  it("Expected applies to the incident and every anomaly in it, and stays on the message as it grows", async () => {
    expect((await runAlerts(deps, NOW)).posted).toEqual([`incident:${f.hourIncident.id}`]);
    await click("expected");
    const [redraw] = await fake.waitFor("chat.update", 1);
    const [post] = fake.of("chat.postMessage");
    expect(redraw.args).toMatchObject({ channel: post.answer?.channel, ts: post.answer?.ts });
    expect(JSON.stringify(redraw.args.blocks)).toContain("Marked expected by <@U0456>");
    expect((await getIncidentRow(db, f.hourIncident.id))?.state).toBe("expected");

    // The next hour joins the incident: the message is updated, still marked expected, and the
    // new hour's anomaly is recorded as expected too.
    const hour = "anom-h-2026-11-26T09-model-sonnet";
    const grown = { ...f.hourIncident, hours: [...f.hourIncident.hours, "2026-11-26T09:00Z"] };
    detected = {
      ...f.anomalies,
      anomalies: [
        ...f.anomalies.anomalies,
        {
          ...f.anomaly,
          id: hour,
          date: "2026-11-26",
          hour: "2026-11-26T09:00Z",
          granularity: "hour",
          dimension: "model",
          key: "Claude Sonnet 4.6",
          source: "estimated",
          incidentId: f.hourIncident.id,
        },
      ],
      incidents: [{ ...grown, anomalyIds: [...grown.anomalyIds, hour] }],
      dataGaps: [],
    };
    const run = await runAlerts(deps, new Date("2026-11-26T10:05:00Z"));
    expect(run).toEqual({ posted: [], updated: [`incident:${f.hourIncident.id}`], failed: [] });
    const updates = fake.of("chat.update");
    expect(updates).toHaveLength(2);
    expect(JSON.stringify(updates[1].args.blocks)).toContain("Marked expected by <@U0456>");
    expect(JSON.stringify(updates[1].args.blocks)).not.toContain('"type":"actions"');
    expect((await listTriage(db)).map((t) => [t.anomaly_id, t.state])).toEqual([[hour, "expected"]]);
    expect(fake.of("chat.postMessage")).toHaveLength(1);
  });

  it("Mute 7 days mutes the driver chain: a new incident on it stays quiet, a broader one does not", async () => {
    await runAlerts(deps, NOW);
    await click("mute_7d");
    await fake.waitFor("chat.update", 1);
    expect([...(await activeMutes(db, NOW.toISOString()))]).toEqual([
      "incident\u0000model=Claude Sonnet 4.6 > account=111111111111 > region=us-east-1",
    ]);
    const tomorrow = {
      ...f.hourIncident,
      id: "inc-next-day",
      start: "2026-11-27T07:00Z",
      driverChain: [
        ...f.hourIncident.driverChain,
        { dimension: "principal", key: "arn:aws:iam::111111111111:user/x" },
      ],
    };
    const broader = {
      ...f.hourIncident,
      id: "inc-model-only",
      driverChain: f.hourIncident.driverChain.slice(0, 1),
    };
    detected = { ...f.anomalies, incidents: [tomorrow, broader], dataGaps: [] };
    expect((await runAlerts(deps, new Date("2026-11-27T12:00:00Z"))).posted).toEqual([
      "incident:inc-model-only",
    ]);
  });
});
