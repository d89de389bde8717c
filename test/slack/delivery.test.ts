import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDelivery, createSlackClient } from "../../src/slack/delivery.js";
import { slackLogger } from "../../src/slack/logger.js";
import type { Db } from "../../src/store/db.js";
import { ledgerRows } from "../../src/store/queries/slack.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { NOW } from "../helpers/slack-deps.js";

const msg = (text: string) => ({
  text,
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }],
});

describe("delivery", () => {
  let fake: FakeSlack;
  let db: Db;
  const delivery = (minIntervalMs = 0) =>
    createDelivery({
      client: createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger)),
      db,
      now: () => NOW,
      log: silentLogger,
      minIntervalMs,
    });

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
  });

  it("a 429 with Retry-After is waited out and results in exactly one delivered message", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = performance.now();
    const res = await delivery().postOnce("k1", "test", "C1", msg("hello"));
    const attempts = fake.of("chat.postMessage");
    expect(attempts).toHaveLength(2); // the refused one and the delivered one
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(990);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(res).toEqual({ posted: true, ts: "1700000000.000001", channel: "C1" });
    expect((await ledgerRows(db)).map((r) => [r.key, r.status, r.ts])).toEqual([
      ["k1", "posted", "1700000000.000001"],
    ]);
  });

  it("posts each key once, even when asked concurrently", async () => {
    const d = delivery();
    const results = await Promise.all([1, 2, 3].map(() => d.postOnce("same", "test", "C1", msg("x"))));
    expect(results.filter((r) => r.posted)).toHaveLength(1);
    expect(fake.of("chat.postMessage")).toHaveLength(1);
    await d.postOnce("same", "test", "C1", msg("x"));
    expect(fake.of("chat.postMessage")).toHaveLength(1);
  });

  it("paces posts to one channel but not across channels", async () => {
    const d = delivery(300);
    await Promise.all([
      d.post("C1", msg("a")),
      d.post("C1", msg("b")),
      d.post("C2", msg("c")),
      d.post("C1", msg("d")),
    ]);
    const c1 = fake.of("chat.postMessage").filter((c) => c.args.channel === "C1");
    expect(c1.map((c) => c.args.text)).toEqual(["a", "b", "d"]);
    for (let i = 1; i < c1.length; i++) expect(c1[i].at - c1[i - 1].at).toBeGreaterThanOrEqual(290);
    const c2 = fake.of("chat.postMessage").find((c) => c.args.channel === "C2");
    expect(c2 && c2.at - c1[0].at).toBeLessThan(250);
  });

  it("a refused post frees its key so a later run can retry, with a hint in the error", async () => {
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    const d = delivery();
    await expect(d.postOnce("k2", "test", "C9", msg("x"))).rejects.toMatchObject({
      message: expect.stringContaining("not_in_channel"),
      hint: expect.stringMatching(/invite the app/),
    });
    expect(await ledgerRows(db)).toEqual([]);
    expect((await d.postOnce("k2", "test", "C9", msg("x"))).posted).toBe(true);
    expect(fake.of("chat.postMessage")).toHaveLength(2);
  });

  it("never sends the bot token anywhere but the Authorization header", async () => {
    await delivery().post("C1", msg("x"));
    expect(JSON.stringify(fake.calls)).not.toContain("xoxb-test");
  });
});
