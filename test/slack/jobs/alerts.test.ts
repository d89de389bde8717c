import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDelivery, createSlackClient } from "../../../src/slack/delivery.js";
import { budgetAlerts, collectionAlerts, lifecycleAlerts } from "../../../src/slack/jobs/alert-rules.js";
import { alertsPreview, runAlerts } from "../../../src/slack/jobs/alerts.js";
import type { JobDeps } from "../../../src/slack/jobs/types.js";
import { slackLogger } from "../../../src/slack/logger.js";
import type { Db } from "../../../src/store/db.js";
import { ledgerRows, listTriage } from "../../../src/store/queries/slack.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb } from "../../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../../helpers/fake-slack.js";
import { contractCapability, NOW, outputOf, slackDeps } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";
import { expectWithinSlackLimits } from "../../helpers/slack-limits.js";

async function ingest(db: Db, status: "ok" | "failed", at: string, error: string | null = null) {
  await db
    .insertInto("ingest_log")
    .values({
      source: "s3://cur/export",
      period: "2026-11",
      status,
      files: "[]",
      rows_read: 10,
      bedrock_rows: 5,
      skipped_rows: 0,
      cost_usd: 1,
      warnings: "[]",
      error,
      started_at: at,
      finished_at: at,
    })
    .execute();
}

describe("run-alerts", () => {
  let fake: FakeSlack;
  let db: Db;
  let deps: JobDeps;
  /** What detect_anomalies answers on the next run (tests change it between runs). */
  let detected: Record<string, unknown>;

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    detected = f.anomalies;
    const caps = [
      contractCapability("get_budget_status", () => f.budgets).cap,
      contractCapability("detect_anomalies", () => detected).cap,
      contractCapability("list_model_lifecycle", () => f.lifecycle).cap,
    ];
    const base = slackDeps(db, { capabilities: caps });
    const client = createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger));
    deps = {
      ...base,
      channel: "#bedrock-spend",
      delivery: createDelivery({ client, db, now: base.now, log: base.log, minIntervalMs: 0 }),
    };
    // Last good ingest 54 h before NOW, then a failure: both stale and failing.
    await ingest(db, "ok", "2026-11-24T06:00:00Z");
    await ingest(db, "failed", "2026-11-25T06:00:00Z", "AccessDenied on s3:GetObject");
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
  });

  const INCIDENT_KEYS = [`incident:${f.billedIncident.id}`, `incident:${f.hourIncident.id}`];
  const GAP_KEY = `gap:open:${f.metricsGap.id}`;

  it("posts every alert exactly once across two runs: one message per incident, one per data gap", async () => {
    const first = await runAlerts(deps, NOW);
    expect(first.failed).toEqual([]);
    expect(first.posted.sort()).toEqual(
      [
        "budget:all-bedrock:2026-11:0.8:actual",
        "collection:failed:ingest_log:s3://cur/export@2026-11-24T06:00:00Z",
        "collection:stale:2026-11-24T06:00:00Z",
        GAP_KEY,
        ...INCIDENT_KEYS,
        "lifecycle:anthropic.claude-3-5-sonnet-20241022-v2:0:endOfLifeTime:2026-12-10:14d",
      ].sort(),
    );
    expect(first.updated).toEqual([]);
    // Another CUR ingest fails an hour later: the same failing episode, not a new alert.
    await ingest(db, "failed", "2026-11-26T12:30:00Z", "AccessDenied on s3:GetObject");
    const second = await runAlerts(deps, new Date(NOW.getTime() + 3_600_000));
    expect(second).toEqual({ posted: [], updated: [], failed: [] });
    const posts = fake.of("chat.postMessage");
    expect(posts).toHaveLength(7);
    expect(fake.of("chat.update")).toHaveLength(0);
    const budget = posts.find((p) => String(p.args.text).startsWith("Budget"));
    expect(budget?.args.text).toBe(
      "Budget all-bedrock has reached 80% of $10,000.00 in 2026-11, forecast to reach 100%",
    );
    // The lower thresholds crossed in the same run are covered by that one message.
    const ledger = await ledgerRows(db);
    expect(ledger.filter((r) => r.key.startsWith("budget:")).map((r) => [r.key, r.status])).toEqual([
      ["budget:all-bedrock:2026-11:0.5:actual", "superseded"],
      ["budget:all-bedrock:2026-11:0.5:forecast", "superseded"],
      ["budget:all-bedrock:2026-11:0.8:actual", "posted"],
      ["budget:all-bedrock:2026-11:0.8:forecast", "superseded"],
      ["budget:all-bedrock:2026-11:1:forecast", "superseded"],
    ]);
    // Posted to the configured channel; the ledger keeps the channel id Slack answered with.
    expect(posts.every((p) => p.args.channel === "#bedrock-spend")).toBe(true);
    expect(ledger.filter((r) => r.status === "posted").every((r) => r.channel === "C_bedrock-spend")).toBe(
      true,
    );
    const failed = posts.find((p) => String(p.args.text).startsWith("Collection failed"));
    expect(failed?.args.text).toBe("Collection failed (s3://cur/export): AccessDenied on s3:GetObject");
    const gap = posts.find((p) => String(p.args.text).startsWith("Data gap"));
    expect(gap?.args.text).toBe(
      "Data gap: no CloudWatch metrics for staging (222222222222) us-east-1 since 2026-11-26 09:05Z. Fix: Allow cloudwatch:GetMetricData in role arn:aws:iam::222222222222:role/BedrockSpendReadOnly (redeploy `bedrock-spend cfn-template`)",
    );
  });

  it("incident alerts carry the three buttons with the incident id; its anomalies are recorded for triage", async () => {
    await runAlerts(deps, NOW);
    const post = fake.of("chat.postMessage").find((p) => String(p.args.text).includes("bob@example.com"));
    const blocks = post?.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
    expect(blocks.find((b) => b.type === "actions")?.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ["ack", f.billedIncident.id],
      ["expected", f.billedIncident.id],
      ["mute_7d", f.billedIncident.id],
    ]);
    const triage = await listTriage(db);
    expect(triage.map((t) => [t.anomaly_id, t.state, t.channel])).toEqual([
      ["anom-2026-11-22-principal-bob", "open", "C_bedrock-spend"],
    ]);
    expect(triage.every((t) => /^1700000000\.\d{6}$/.test(t.ts ?? ""))).toBe(true);
  });

  it("a restart (new delivery, same store) does not re-post", async () => {
    await runAlerts(deps, NOW);
    const client = createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger));
    const again = {
      ...deps,
      delivery: createDelivery({ client, db, now: deps.now, log: deps.log, minIntervalMs: 0 }),
    };
    expect((await runAlerts(again, NOW)).posted).toEqual([]);
    expect(fake.of("chat.postMessage")).toHaveLength(7);
  });

  it("alertsPreview shows what would be posted, within Slack limits, without posting", async () => {
    const preview = await alertsPreview(deps, NOW);
    expect(preview.text.split("\n")).toHaveLength(7);
    expectWithinSlackLimits(preview);
    expect(fake.of("chat.postMessage")).toHaveLength(0);
  });
});

describe("alert rules (pure)", () => {
  const month = outputOf("get_budget_status", f.budgets);
  const crossings = (actual: number[], forecast: number[]) => ({
    ...month,
    budgets: [
      {
        ...month.budgets[0],
        thresholds: [0.5, 0.8, 1].map((t) => ({
          threshold: t,
          crossedByActual: actual.includes(t),
          crossedByForecast: forecast.includes(t),
        })),
      },
    ],
  });
  const k = (t: number, by: string) => `budget:all-bedrock:2026-11:${t}:${by}`;
  it.each([
    ["nothing crossed", [], [], [], null],
    ["forecast only", [], [0.5, 0.8], [], [k(0.8, "forecast"), k(0.5, "forecast")]],
    ["actual wins over a lower forecast", [0.5], [0.5], [], [k(0.5, "actual"), k(0.5, "forecast")]],
    [
      "already posted keys are left out",
      [0.5, 0.8],
      [0.5, 0.8, 1],
      [k(0.5, "actual"), k(0.5, "forecast"), k(0.8, "forecast")],
      [k(0.8, "actual"), k(1, "forecast")],
    ],
    ["everything posted", [0.5], [0.5], [k(0.5, "actual"), k(0.5, "forecast")], null],
  ])("budgets: %s", (_name, actual, forecast, posted, keys) => {
    const alerts = budgetAlerts(
      crossings(actual as number[], forecast as number[]),
      new Set(posted as string[]),
    );
    if (!keys) expect(alerts).toEqual([]);
    else expect(alerts.map((a) => [a.key, ...(a.alsoClaims ?? [])])).toEqual([keys]);
  });

  const models = outputOf("list_model_lifecycle", f.lifecycle);
  it.each([
    ["2026-11-09T00:00:00Z", []], // 31 days before end of life
    ["2026-11-10T00:00:00Z", ["30d"]],
    ["2026-11-26T12:00:00Z", ["14d"]],
    ["2026-12-03T00:00:00Z", ["7d"]],
    ["2026-12-09T23:00:00Z", ["7d"]],
    ["2026-12-10T00:00:00Z", []], // the day itself: too late for a warning
  ])("lifecycle warnings at %s", (now, windows) => {
    expect(lifecycleAlerts(models, new Date(now)).map((a) => a.key.split(":").at(-1))).toEqual(windows);
  });

  it.each([
    [{ lastSuccessAt: "2026-11-25T12:00:01Z", lastFailure: null, failing: [] }, []],
    [
      { lastSuccessAt: "2026-11-25T11:59:59Z", lastFailure: null, failing: [] },
      ["collection:stale:2026-11-25T11:59:59Z"],
    ],
    [{ lastSuccessAt: null, lastFailure: null, failing: [] }, []],
    [
      {
        lastSuccessAt: null,
        lastFailure: null,
        failing: [
          {
            id: "x:1",
            episode: "x:cur@never",
            at: "2026-11-26T00:00:00Z",
            source: "cur",
            unit: { source: "cur", account: null, region: null },
            error: "boom",
          },
        ],
      },
      ["collection:failed:x:cur@never"],
    ],
  ])("collection health %j", (report, keys) => {
    expect(collectionAlerts(report, NOW).map((a) => a.key)).toEqual(keys);
  });
});
