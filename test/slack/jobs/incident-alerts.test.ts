import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDelivery, createSlackClient } from "../../../src/slack/delivery.js";
import { runAlerts } from "../../../src/slack/jobs/alerts.js";
import type { JobDeps } from "../../../src/slack/jobs/types.js";
import { slackLogger } from "../../../src/slack/logger.js";
import type { Db } from "../../../src/store/db.js";
import { claimPost, ledgerRows, markPosted, muteKey } from "../../../src/store/queries/slack.js";
import { openGapRows } from "../../../src/store/queries/slack-incidents.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb } from "../../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../../helpers/fake-slack.js";
import { contractCapability, NOW, slackDeps } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";

/** run-alerts over time: incidents redrawn in place, gaps closed once, mutes by driver chain. */
describe("run-alerts as incidents and gaps change", () => {
  let fake: FakeSlack;
  let db: Db;
  let deps: JobDeps;
  /** What detect_anomalies answers on the next run (tests change it between runs). */
  let detected: Record<string, unknown>;

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    detected = f.anomalies;
    const base = slackDeps(db, {
      capabilities: [contractCapability("detect_anomalies", () => detected).cap],
    });
    const client = createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger));
    deps = {
      ...base,
      channel: "#bedrock-spend",
      delivery: createDelivery({ client, db, now: base.now, log: base.log, minIntervalMs: 0 }),
    };
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
  });

  it("an incident that grows and ends is redrawn in place (chat.update), never posted again", async () => {
    await runAlerts(deps, NOW);
    const first = fake.of("chat.postMessage").find((p) => String(p.args.text).includes("over 2 h"));
    expect(first?.args.text).toBe(
      "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$98 over 2 h — ongoing since 07:00Z (2 h so far)",
    );
    const grown = {
      ...f.hourIncident,
      title: "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$190 over 4 h",
      end: "2026-11-26T10:00Z",
      hours: [...f.hourIncident.hours, "2026-11-26T09:00Z", "2026-11-26T10:00Z"],
      impactUsd: 190,
      anomalyIds: [...f.hourIncident.anomalyIds, "anom-h-2026-11-26T09-model-sonnet"],
    };
    detected = { ...f.anomalies, incidents: [f.billedIncident, grown] };
    const later = new Date("2026-11-26T13:00:00Z");
    expect(await runAlerts(deps, later)).toEqual({
      posted: [],
      updated: [`incident:${f.hourIncident.id}`],
      failed: [],
    });
    const [update] = fake.of("chat.update");
    // Where the first post landed: the channel id and ts Slack answered with, kept in the ledger.
    expect(update.args).toMatchObject({ channel: first?.answer?.channel, ts: first?.answer?.ts });
    expect(update.args.ts).toBe(
      (await ledgerRows(db)).find((r) => r.key === `incident:${f.hourIncident.id}`)?.ts,
    );
    expect(update.args.text).toBe(
      "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$190 over 4 h — resolved at 11:00Z",
    );
    // Nothing changed since: no call at all.
    expect(await runAlerts(deps, later)).toEqual({ posted: [], updated: [], failed: [] });
    expect(fake.of("chat.update")).toHaveLength(1);
    // Two incidents and the gap, each posted once in the first run, never again.
    expect(fake.of("chat.postMessage")).toHaveLength(3);
  });

  it("a data gap that closes gets one close notice, once", async () => {
    await runAlerts(deps, NOW);
    detected = { ...f.anomalies, dataGaps: [] };
    const later = new Date("2026-11-26T15:00:00Z");
    expect((await runAlerts(deps, later)).posted).toEqual([`gap:closed:${f.metricsGap.id}`]);
    expect((await runAlerts(deps, later)).posted).toEqual([]);
    const notices = fake.of("chat.postMessage").filter((p) => String(p.args.text).startsWith("Data gap"));
    expect(notices.map((p) => String(p.args.text).slice(0, 17))).toEqual([
      "Data gap: no Clou",
      "Data gap closed: ",
    ]);
  });

  it("a muted driver chain is not alerted until the mute ends", async () => {
    await muteKey(db, {
      dimension: "incident",
      key: "model=Claude Sonnet 4.6 > account=111111111111",
      until: "2026-11-30T00:00:00.000Z",
      by: "U1",
      at: NOW.toISOString(),
    });
    expect((await runAlerts(deps, NOW)).posted).not.toContain(`incident:${f.hourIncident.id}`);
    expect((await runAlerts(deps, new Date("2026-11-30T01:00:00Z"))).posted).toContain(
      `incident:${f.hourIncident.id}`,
    );
  });
  it("a notice posted just before a crash (ledger written, gap row not) is never posted again", async () => {
    const open = `gap:open:${f.metricsGap.id}`;
    await claimPost(db, { key: open, kind: "gap", channel: "#bedrock-spend", at: NOW.toISOString() });
    await markPosted(db, open, { ts: "1700000000.000001", channel: "C_bedrock-spend" }, NOW.toISOString());
    expect((await runAlerts(deps, NOW)).posted.filter((k) => k.startsWith("gap:"))).toEqual([]);
    expect((await openGapRows(db)).map((r) => r.gap_id)).toEqual([f.metricsGap.id]);
    // The close notice goes out, then the process dies before the row is closed: closed anyway.
    const closed = `gap:closed:${f.metricsGap.id}`;
    await claimPost(db, { key: closed, kind: "gap", channel: "#bedrock-spend", at: NOW.toISOString() });
    detected = { ...f.anomalies, dataGaps: [] };
    expect((await runAlerts(deps, NOW)).posted).toEqual([]);
    expect(await openGapRows(db)).toEqual([]);
    expect(fake.of("chat.postMessage").filter((p) => String(p.args.text).startsWith("Data gap"))).toEqual([]);
  });
});
