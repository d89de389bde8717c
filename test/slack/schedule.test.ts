import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { createDelivery, createSlackClient } from "../../src/slack/delivery.js";
import { slackLogger } from "../../src/slack/logger.js";
import { ALERTS_CRON, slackJobs, startSlackJobs } from "../../src/slack/schedule.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { slackDeps } from "../helpers/slack-deps.js";

describe("slack schedule", () => {
  it("digest follows config slack.digest; alerts run every 15 minutes; savings Mondays in the digest's zone", () => {
    const jobs = slackJobs(
      parseConfig({ slack: { digest: { cron: "30 8 * * 1-5", timezone: "Europe/Berlin" } } }),
    );
    expect(jobs.map((j) => [j.name, j.cron, j.timezone])).toEqual([
      ["slack-digest", "30 8 * * 1-5", "Europe/Berlin"],
      ["slack-alerts", ALERTS_CRON, "UTC"],
      ["slack-savings", "0 9 * * 1", "Europe/Berlin"],
    ]);
  });

  it("savings follows config slack.savings", () => {
    const config = parseConfig({ slack: { savings: { cron: "0 7 * * 3", timezone: "America/New_York" } } });
    expect(slackJobs(config).find((j) => j.name === "slack-savings")).toMatchObject({
      cron: "0 7 * * 3",
      timezone: "America/New_York",
    });
  });

  it.each([
    [
      { digest: { cron: "61 9 * * *" } },
      'config slack.digest.cron: "61 9 * * *" is not a valid 5-field cron expression',
    ],
    [
      { digest: { timezone: "Mars/Olympus" } },
      'config slack.digest.timezone: "Mars/Olympus" is not an IANA time zone',
    ],
    [
      { savings: { cron: "0 25 * * 1" } },
      'config slack.savings.cron: "0 25 * * 1" is not a valid 5-field cron expression',
    ],
    [
      { savings: { timezone: "Mars/Olympus" } },
      'config slack.savings.timezone: "Mars/Olympus" is not an IANA time zone',
    ],
  ])("rejects %j", (slack, message) => {
    expect(() => slackJobs(parseConfig({ slack }))).toThrow(message);
  });

  describe("running", () => {
    let fake: FakeSlack;
    let db: Db;
    beforeEach(async () => {
      fake = await startFakeSlack();
      db = await memoryDb();
    });
    afterEach(async () => {
      await fake.close();
      await db.destroy();
    });

    it("a scheduled run posts through the ledger: twice the digest is still one post", async () => {
      const base = slackDeps(db);
      const delivery = createDelivery({
        client: createSlackClient("xoxb-t", fake.apiUrl, slackLogger(silentLogger)),
        db,
        now: base.now,
        log: base.log,
        minIntervalMs: 0,
      });
      const running = startSlackJobs({ ...base, channel: "C1", delivery });
      try {
        const digest = running.tasks.find((t) => t.name === "slack-digest");
        await digest?.execute();
        await digest?.execute();
        expect(fake.of("chat.postMessage").map((c) => c.args.text)).toEqual([
          "Bedrock spend digest 2026-11-26",
        ]);
      } finally {
        await running.stop();
      }
    });
  });
});
