import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import { registry } from "../../src/capabilities/index.js";
import { curIngester } from "../../src/collect/cur-unit.js";
import { runCollection } from "../../src/collect/run.js";
import { parseConfig } from "../../src/config.js";
import { DEMO_CUR, demoConfig } from "../../src/demo/config.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { openDb } from "../../src/store/db.js";
import { ledgerRows } from "../../src/store/queries/slack.js";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import { DEMO_METRICS_DENIED, runawayHours } from "../../src/synthetic/scenario.js";
import { addDays, isoDay } from "../../src/util/dates.js";
import { silentLogger } from "../../src/util/log.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";

/**
 * Issue 10's acceptance for Slack: the on-call scenario (a role without GetMetricData, sampled
 * invocation logs, a 4-hour runaway on the first estimated day) collected through the real SDK
 * from the sandbox into a real store, then `bedrock-spend slack run-alerts` — the real CLI and
 * Slack WebClient against a fake Slack API — at several clock times.
 */
const T1 = new Date("2026-11-26T09:05:00Z"); // the runaway's first two hours have ended
const T2 = new Date("2026-11-26T12:00:00Z"); // all four have, and the hour after it
const T3 = new Date("2026-11-26T14:05:00Z"); // staging's role has GetMetricData again
const TSX = join(REPO_ROOT, "node_modules/.bin/tsx");

type RunResult = { posted: string[]; updated: string[]; failed: unknown[] };

describe("slack run-alerts on the on-call scenario", { timeout: 300_000 }, () => {
  let fake: FakeSlack;
  const dir = tempDir();
  const dataDir = join(dir, "s3");
  const dbPath = join(dir, "store.db");
  const configPath = join(dir, "config.yaml");
  const config = parseConfig({ ...demoConfig(), slack: { channel: "#bedrock-spend" } });

  async function collectAt(now: Date, o: { fixStaging?: boolean } = {}) {
    const sb = await startSandbox({ now, dataDir, scenario: "on-call", logHours: 48 });
    if (o.fixStaging)
      for (const r of sb.state.org.roles)
        if (r.account === DEMO_METRICS_DENIED.account) r.allow.push(DEMO_METRICS_DENIED.action);
    const db = await openDb(dbPath);
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    try {
      const clock = () => new Date(now.getTime());
      const ingestCur = curIngester({ db, log: silentLogger, now: clock, aws });
      return await runCollection({ db, config, now: clock, log: silentLogger, aws, ingestCur });
    } finally {
      aws.close();
      await db.destroy();
      await sb.close();
    }
  }

  async function runAlertsAt(now: Date): Promise<RunResult> {
    const env = {
      ...process.env,
      BEDROCK_SPEND_NOW: now.toISOString(),
      BEDROCK_SPEND_DB: dbPath,
      BEDROCK_SPEND_CONFIG: configPath,
      BEDROCK_SPEND_LOG: "warn",
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-acceptance",
    };
    const r = await promisify(execFile)(TSX, [join(REPO_ROOT, "src/cli.ts"), "slack", "run-alerts"], {
      cwd: dir,
      env,
    });
    return JSON.parse(r.stdout) as RunResult;
  }

  /** What run-alerts asks detect_anomalies (the same window), straight from the store. */
  async function detectedAt(now: Date) {
    const db = await openDb(dbPath);
    try {
      const cap = registry.detect_anomalies;
      const deps = { db, config, now: () => now, log: silentLogger };
      return await cap.run(deps, cap.inputSchema.parse({ from: addDays(isoDay(now), -7), to: isoDay(now) }));
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    fake = await startFakeSlack();
    writeFileSync(configPath, JSON.stringify(config));
    await generateCurExport({
      root: join(dataDir, DEMO_CUR.bucket, DEMO_CUR.prefix),
      exportName: DEMO_CUR.exportName,
      s3Base: `s3://${DEMO_CUR.bucket}/${DEMO_CUR.prefix}`,
      now: T1,
      months: 2,
      format: "parquet",
    });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let runawayKey = "";
  let runawayPost: FakeSlack["calls"][number] | undefined;

  it("at 09:05: the budget crossings, one incident message (the runaway, ongoing), one data-gap notice; a second run posts nothing", async () => {
    const collected = await collectAt(T1);
    expect(collected.units.filter((u) => u.status === "failed").map((u) => [u.source, u.account])).toEqual([
      ["metrics", DEMO_METRICS_DENIED.account],
    ]);
    const found = await detectedAt(T1);
    const estimated = found.incidents.filter((i) => i.source === "estimated");
    expect(estimated.map((i) => [i.direction, i.hours, i.end])).toEqual([
      ["spike", runawayHours(T1).slice(0, 2), null],
    ]);
    expect(found.incidents.every((i) => i.direction === "spike")).toBe(true);
    expect(found.dataGaps.map((g) => [g.account, g.region, g.source])).toEqual([
      [DEMO_METRICS_DENIED.account, "us-east-1", "metrics"],
    ]);

    const first = await runAlertsAt(T1);
    expect(first.failed).toEqual([]);
    expect(first.updated).toEqual([]);
    // research-team crosses its limit; all-bedrock crosses 80 % with the savings traffic in the org.
    const budgetPosts = first.posted.filter((k) => k.startsWith("budget:"));
    expect(budgetPosts.sort()).toEqual([
      "budget:all-bedrock:2026-11:0.8:actual",
      "budget:research-team:2026-11:1:actual",
    ]);
    // One incident message: the runaway. The org's older billed spike (bob's, resolved days ago)
    // predates the bot's first run: it is listed by the digest, not paged.
    expect(found.incidents.filter((i) => i.source === "billed" && i.end !== null)).not.toEqual([]);
    expect(first.posted.filter((k) => k.startsWith("incident:"))).toEqual([`incident:${estimated[0].id}`]);
    expect(first.posted.filter((k) => k.startsWith("gap:"))).toEqual([`gap:open:${found.dataGaps[0].id}`]);
    // Nothing else: the failing metrics unit is the gap, already told with its fix.
    expect(first.posted).toHaveLength(budgetPosts.length + 2);
    const posts = fake.of("chat.postMessage");
    expect(posts).toHaveLength(first.posted.length);

    runawayKey = `incident:${estimated[0].id}`;
    const runaway = posts.filter((p) => String(p.args.text).startsWith("Spike: Claude Sonnet 4.6 in prod"));
    expect(runaway).toHaveLength(1);
    runawayPost = runaway[0];
    expect(String(runawayPost.args.text)).toMatch(/over 2 h — ongoing since 07:00Z \(2 h so far\)$/);
    const gap = posts.filter((p) => String(p.args.text).startsWith("Data gap"));
    expect(gap).toHaveLength(1);
    expect(String(gap[0].args.text)).toMatch(
      /^Data gap: no CloudWatch metrics for staging \(222222222222\) us-east-1 since .*Fix: .*cloudwatch:GetMetricData/,
    );

    expect(await runAlertsAt(T1)).toEqual({ posted: [], updated: [], failed: [] });
    expect(fake.of("chat.postMessage")).toHaveLength(posts.length);
  });

  it("at 12:00: the runaway's message is updated in place (4 h, resolved at 11:00Z), never re-posted; then nothing", async () => {
    await collectAt(T2);
    const before = fake.of("chat.postMessage").length;
    const second = await runAlertsAt(T2);
    expect(second).toEqual({ posted: [], updated: [runawayKey], failed: [] });
    const [update] = fake.of("chat.update");
    expect(update.args).toMatchObject({ channel: runawayPost?.answer?.channel, ts: runawayPost?.answer?.ts });
    expect(String(update.args.text)).toMatch(
      /^Spike: Claude Sonnet 4\.6 in prod \(111111111111\) us-east-1, .* over 4 h — resolved at 11:00Z$/,
    );
    const ledger = (await ledgerRowsAt()).filter((r) => r.key === runawayKey);
    expect(ledger.map((r) => [r.status, r.ts])).toEqual([["posted", runawayPost?.answer?.ts]]);

    expect(await runAlertsAt(T2)).toEqual({ posted: [], updated: [], failed: [] });
    expect(fake.of("chat.postMessage")).toHaveLength(before);
    expect(fake.of("chat.update")).toHaveLength(1);
  });

  it("at 14:05, metrics flow again for staging: one close notice, once", async () => {
    const collected = await collectAt(T3, { fixStaging: true });
    expect(collected.units.filter((u) => u.status === "failed")).toEqual([]);
    const gapKey = (await ledgerRowsAt()).find((r) => r.key.startsWith("gap:open:"))?.key ?? "";
    const third = await runAlertsAt(T3);
    expect(third.failed).toEqual([]);
    expect(third.posted).toEqual([gapKey.replace("gap:open:", "gap:closed:")]);
    // The runaway may be redrawn (its baseline saw two more hours); it is never posted again.
    expect(third.updated.filter((k) => k !== runawayKey)).toEqual([]);
    const closed = fake
      .of("chat.postMessage")
      .filter((p) => String(p.args.text).startsWith("Data gap closed"));
    expect(closed).toHaveLength(1);
    expect(String(closed[0].args.text)).toMatch(
      /^Data gap closed: collecting CloudWatch metrics for staging \(222222222222\) us-east-1 again/,
    );
    expect((await runAlertsAt(T3)).posted).toEqual([]);
  });

  const ledgerRowsAt = async () => {
    const db = await openDb(dbPath);
    return ledgerRows(db).finally(() => db.destroy());
  };
});
