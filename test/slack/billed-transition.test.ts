import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capabilities, registry } from "../../src/capabilities/index.js";
import { parseConfig } from "../../src/config.js";
import { createSlackApp } from "../../src/slack/app.js";
import { type AlertRunResult, runAlerts } from "../../src/slack/jobs/alerts.js";
import type { JobDeps } from "../../src/slack/jobs/types.js";
import { slackDepsOf } from "../../src/slack/run.js";
import { type Db, openDb } from "../../src/store/db.js";
import { ledgerRows } from "../../src/store/queries/slack.js";
import { addDays } from "../../src/util/dates.js";
import { silentLogger } from "../../src/util/log.js";
import { fileDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import {
  collectMetrics,
  deliverCur,
  hourOf,
  RESEARCH,
  type Runaway,
  seedHistory,
  traffic,
} from "../helpers/transition-org.js";

/**
 * An incident from its first estimated hours to the CUR that bills its days, on a real store (a
 * file other processes open), the real capability registry and the Slack app as `serve` runs it
 * (Bolt's HTTP receiver, the real WebClient against a fake Slack API on 127.0.0.1). Every step
 * counts the chat.postMessage and chat.update calls Slack received; every scenario re-runs the
 * alerts and restarts the process (a new app instance on the same store) at the end.
 */

const D = "2026-11-18"; // a Wednesday
const D1 = addDays(D, 1);
const D2 = addDays(D, 2);
const CHANNEL = "C0SPEND";
const CONFIG = parseConfig({ slack: { channel: CHANNEL } });
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00Z`);

interface Proc {
  db: Db;
  run(): Promise<AlertRunResult>;
  stop(): Promise<void>;
}

describe("an incident across the estimate → bill transition", { timeout: 120_000 }, () => {
  let fake: FakeSlack;
  let location: string;
  let dir: string;
  let proc: Proc;
  const clock = { at: at(D, "00:05") };

  async function start(): Promise<Proc> {
    const db = await openDb(location);
    const deps = { db, config: CONFIG, now: () => new Date(clock.at.getTime()), log: silentLogger };
    const base = slackDepsOf(deps, capabilities);
    const runtime = createSlackApp(base, {
      mode: "http",
      botToken: "xoxb-transition",
      signingSecret: "transition-secret",
      apiUrl: fake.apiUrl,
      port: 0,
      minIntervalMs: 0,
    });
    const verified = fake.of("auth.test").length + 1;
    await runtime.start();
    // Bolt verifies its token (auth.test) on its own: let that finish before the fake may close.
    await fake.waitFor("auth.test", verified);
    const jobs: JobDeps = { ...base, channel: CHANNEL, delivery: runtime.delivery };
    return {
      db,
      run: () => runAlerts(jobs, clock.at),
      async stop() {
        await runtime.stop();
        await db.destroy();
      },
    };
  }

  /** The next collection: metrics for the hours up to the one before `now` (the estimate recompute runs too). */
  async function collectUntil(now: Date, runaway: Runaway, fromHour: string) {
    clock.at = now;
    const last = `${new Date(now.getTime() - 3_600_000).toISOString().slice(0, 13)}:00Z`;
    await collectMetrics(proc.db, traffic(fromHour, last, runaway), now);
  }

  async function detected() {
    const cap = registry.detect_anomalies;
    const deps = { db: proc.db, config: CONFIG, now: () => clock.at, log: silentLogger };
    const today = clock.at.toISOString().slice(0, 10);
    return cap.run(deps, cap.inputSchema.parse({ from: addDays(today, -7), to: today }));
  }

  const calls = () => ({
    posts: fake.of("chat.postMessage").length,
    updates: fake.of("chat.update").length,
  });
  const lastUpdate = () => fake.of("chat.update").at(-1);
  const quiet = { posted: [], updated: [], failed: [] };

  /** Runs twice more, restarts the process and runs again: nothing is posted or redrawn. */
  async function expectSettled() {
    const before = calls();
    expect(await proc.run()).toEqual(quiet);
    expect(await proc.run()).toEqual(quiet);
    await proc.stop();
    proc = await start();
    expect(await proc.run()).toEqual(quiet);
    expect(calls()).toEqual(before);
  }

  beforeEach(async () => {
    fake = await startFakeSlack();
    const store = await fileDb();
    location = store.path;
    dir = store.dir;
    await seedHistory(store.db, D);
    await store.db.destroy();
    clock.at = at(D, "00:05");
    proc = await start();
  });
  afterEach(async () => {
    await proc.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Research's loop 08:00–11:00 on D, 10× its Sonnet traffic: ~$85 over normal an hour. */
  const morning: Runaway = { hours: [8, 9, 10].map((h) => hourOf(D, h)), factor: 10 };

  /** Posted while ongoing at 10:05, redrawn once as resolved at 12:05: the estimated story. */
  async function estimatedMorning(): Promise<{ key: string; ts: string }> {
    await collectUntil(at(D, "10:05"), morning, hourOf(D, 0));
    const first = await proc.run();
    expect(first.failed).toEqual([]);
    expect(first.posted).toHaveLength(1);
    const [key] = first.posted;
    expect(key).toMatch(/^incident:inc-/);
    expect(calls()).toEqual({ posts: 1, updates: 0 });
    const [post] = fake.of("chat.postMessage");
    expect(post.args.text).toMatch(
      /^Spike: Claude Sonnet 4\.6 in 333333333333 us-east-1, \+\$1\d\d\.\d\d over 2 h — ongoing since 08:00Z \(2 h so far\)$/,
    );
    expect(await proc.run()).toEqual(quiet);

    await collectUntil(at(D, "12:05"), morning, hourOf(D, 10));
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 1 });
    expect(lastUpdate()?.args.text).toMatch(/over 3 h — resolved at 11:00Z$/);
    expect(lastUpdate()?.args).toMatchObject({ channel: post.answer?.channel, ts: post.answer?.ts });
    return { key, ts: String(post.answer?.ts) };
  }

  /** The CUR refreshed on `refreshDay` bills through the day before it; metrics keep flowing. */
  async function billThrough(day: string, billed: Runaway, metrics: Runaway, collectedFrom: string) {
    await collectUntil(at(addDays(day, 1), "22:05"), metrics, collectedFrom);
    await deliverCur(
      proc.db,
      traffic(hourOf(addDays(day, -1), 0), hourOf(day, 23), billed),
      `${addDays(day, 1)}T06:00:00Z`,
    );
  }

  it("1. the CUR confirms the runaway: the SAME incident continues in its message, redrawn once as billed", async () => {
    const { key, ts } = await estimatedMorning();
    await billThrough(D, morning, morning, hourOf(D, 12));

    const found = await detected();
    expect(found.incidents.map((i) => [`incident:${i.id}`, i.source, i.granularity, i.start])).toEqual([
      [key, "billed", "day", D],
    ]);
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 2 });
    const update = lastUpdate();
    expect(update?.args.ts).toBe(ts);
    expect(update?.args.text).toMatch(
      new RegExp(
        `^Spike: Claude Sonnet 4\\.6 in ${RESEARCH} us-east-1 by Agents/loop-runner, \\+\\$2\\d\\d\\.\\d\\d on ${D} — resolved: back to normal on ${D1}$`,
      ),
    );
    expect(JSON.stringify(update?.args.blocks)).toContain("billed (CUR)");
    await expectSettled();
    expect(
      (await ledgerRows(proc.db)).filter((r) => r.key.startsWith("incident:")).map((r) => r.key),
    ).toEqual([key]);
  });

  it("2. the CUR bills the day at its usual level: the message says so once (billed below the alert floor), never re-posted", async () => {
    const { key, ts } = await estimatedMorning();
    // CloudWatch counted the loop's tokens; the CUR bills only 5% more than usual in those hours.
    await billThrough(D, { ...morning, factor: 1.05 }, morning, hourOf(D, 12));

    expect((await detected()).incidents).toEqual([]);
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 2 });
    const update = lastUpdate();
    expect(update?.args.ts).toBe(ts);
    expect(update?.args.text).toMatch(
      /over 3 h — billed below the alert floor: \+\$\d\.\d\d billed, not \+\$2\d\d\.\d\d as estimated — no action needed$/,
    );
    const blocks = JSON.stringify(update?.args.blocks);
    expect(blocks).toContain("Billed below the alert floor");
    expect(blocks).toContain("under the $20.00 floor");
    expect(blocks).not.toContain(":rotating_light:");
    await expectSettled();
  });

  /** Research's loop 22:00–02:00 across midnight, 10×: ~$27 over normal an hour, too little for a whole day to stand out. */
  const midnight: Runaway = {
    hours: [hourOf(D, 22), hourOf(D, 23), hourOf(D1, 0), hourOf(D1, 1)],
    factor: 10,
  };

  async function estimatedMidnight(runaway: Runaway): Promise<string> {
    await collectUntil(at(D1, "00:05"), runaway, hourOf(D, 0));
    const first = await proc.run();
    expect(first.posted).toHaveLength(1);
    expect(calls()).toEqual({ posts: 1, updates: 0 });
    expect(fake.of("chat.postMessage")[0].args.text).toMatch(
      /over 2 h — ongoing since 22:00Z \(2 h so far\)$/,
    );

    await collectUntil(at(D1, "04:05"), runaway, hourOf(D1, 0));
    expect(await proc.run()).toEqual({ posted: [], updated: first.posted, failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 1 });
    expect(lastUpdate()?.args.text).toMatch(new RegExp(`over 4 h — resolved at ${D1} 02:00Z$`));
    return first.posted[0];
  }

  it("3. an event across midnight is one message: its next-day hours, the first day billed, then both", async () => {
    const key = await estimatedMidnight(midnight);

    // The CUR bills the first day: its hours leave the hourly window, the next day's two remain.
    await billThrough(D, midnight, midnight, hourOf(D1, 4));
    const rest = await detected();
    expect(rest.incidents.map((i) => [i.start, i.hours.length])).toEqual([[hourOf(D1, 0), 2]]);
    expect(await proc.run()).toEqual(quiet);
    expect(calls()).toEqual({ posts: 1, updates: 1 });

    // Both days billed: a 4-hour loop does not stand out in a whole day; the bill still shows it.
    await billThrough(D1, midnight, midnight, hourOf(D1, 22));
    expect((await detected()).incidents).toEqual([]);
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 2 });
    expect(lastUpdate()?.args.text).toMatch(
      new RegExp(
        `over 4 h — resolved at ${D1} 02:00Z · confirmed by the bill: \\+\\$1\\d\\d\\.\\d\\d billed$`,
      ),
    );
    await expectSettled();
  });

  it("3b. a loud event across midnight keeps its id through both bills, each redrawing the one message", async () => {
    const loud = { ...midnight, factor: 30 };
    const key = await estimatedMidnight(loud);

    await billThrough(D, loud, loud, hourOf(D1, 4));
    const mixed = await detected();
    expect(mixed.incidents.map((i) => [`incident:${i.id}`, i.start, i.end])).toEqual([
      [key, D, hourOf(D1, 1)],
    ]);
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 2 });
    expect(lastUpdate()?.args.text).toMatch(new RegExp(`over 2 days from ${D} — resolved at ${D1} 02:00Z$`));

    await billThrough(D1, loud, loud, hourOf(D1, 22));
    const billed = await detected();
    expect(billed.incidents.map((i) => [`incident:${i.id}`, i.source, i.start, i.end])).toEqual([
      [key, "billed", D, D1],
    ]);
    expect(await proc.run()).toEqual({ posted: [], updated: [key], failed: [] });
    expect(calls()).toEqual({ posts: 1, updates: 3 });
    expect(lastUpdate()?.args.text).toMatch(
      new RegExp(`over 2 days from ${D} — resolved: back to normal on ${D2}$`),
    );
    await expectSettled();
  });
});
