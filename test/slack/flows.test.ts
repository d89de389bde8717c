import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import type { AnyCapability } from "../../src/capabilities/types.js";
import { createSlackApp, type SlackRuntime } from "../../src/slack/app.js";
import { createDelivery, createSlackClient } from "../../src/slack/delivery.js";
import { digestPreview, sendDigest } from "../../src/slack/jobs/digest.js";
import { slackLogger } from "../../src/slack/logger.js";
import type { Db } from "../../src/store/db.js";
import { eachDay } from "../../src/util/dates.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { contractCapability, NOW, slackDeps } from "../helpers/slack-deps.js";
import * as f from "../helpers/slack-fixtures.js";
import { expectWithinSlackLimits } from "../helpers/slack-limits.js";
import { postSigned, slashBody } from "../helpers/slack-request.js";
import { billed, insertBilled, insertCurPeriod } from "../helpers/spend-rows.js";

const SECRET = "flow-secret";
const CHAT = "arn:aws:sts::111111111111:assumed-role/ChatBackend/chat-svc";
const BOB = "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com";

/**
 * Real store: chat-svc spends $100.25/day on Claude Sonnet 4.6 from 11-18 to 11-25; bob adds
 * $49.75 on Nova Pro on 11-24 and 11-25. The CUR covers through 11-25 (NOW is 11-26 12:00Z).
 */
async function seed(db: Db) {
  const rows = eachDay("2026-11-18", "2026-11-25").map((day) =>
    billed({ day, cost_usd: 100.25, principal: CHAT, tokens: 1_000_000 }),
  );
  for (const day of ["2026-11-24", "2026-11-25"]) {
    rows.push(
      billed({
        day,
        cost_usd: 49.75,
        principal: BOB,
        account: "333333333333",
        model: "Nova Pro",
        model_id: "amazon.nova-pro-v1:0",
        tokens: 500_000,
      }),
    );
  }
  await insertBilled(db, rows);
  await insertCurPeriod(db, "2026-11", "2026-11-25", "2026-11-26T04:00:00Z");
}

describe("flows over a real store with get_spend_by_model", () => {
  let fake: FakeSlack;
  let db: Db;
  let runtime: SlackRuntime | undefined;

  beforeEach(async () => {
    fake = await startFakeSlack();
    db = await memoryDb();
    await seed(db);
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    await fake.close();
    await db.destroy();
  });

  it("/bedrock-spend 7d by principal answers with the store's figures", async () => {
    runtime = createSlackApp(slackDeps(db, { capabilities: [getSpendByModel] }), {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
    });
    const { port } = await runtime.start();
    const body = slashBody({ text: "7d by principal", responseUrl: `${fake.url}/response/7d` });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET })).status).toBe(
      200,
    );
    const [reply] = await fake.waitFor("response_url", 1);
    expect(reply.args.response_type).toBe("in_channel");
    // 7d = 11-20..11-26: chat-svc 6 × $100.25 = $601.50, bob 2 × $49.75 = $99.50, total $701.00.
    expect(reply.args.text).toBe(
      "Bedrock spend 2026-11-20 → 2026-11-26: $701.00, top principal assumed-role/ChatBackend/chat-svc (111111111111) 86% (no cost data after 2026-11-25 yet: 2026-11-26 unknown, not $0)",
    );
    const blocks = JSON.stringify(reply.args.blocks);
    expect(blocks).toMatch(
      /assumed-role\/ChatBackend\/chat-svc \(111111111111\) +\$601\.50 +85\.8% +█{12}\\n/,
    );
    expect(blocks).toMatch(
      /assumed-role\/Researchers\/bob@example\.com \(333333333333\) +\$99\.50 +14\.2% +██`/,
    );
    expect(blocks).toContain("billed through 2026-11-25 · nothing estimated");
    expect(blocks).toContain(":warning: No cost data after 2026-11-25 yet: 2026-11-26 unknown, not $0.");
    expectWithinSlackLimits(reply.args as never);
  });

  it("the digest never shows a day without cost data as $0: two days after the CUR's last day", async () => {
    // NOW + 2 days: yesterday (11-27) and 11-26 have no cost data (no estimates, no metrics).
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const deps = slackDeps(db, { capabilities: [getSpendByModel], now: later });
    const digest = await digestPreview(deps, later, null);
    const body = JSON.stringify(digest.blocks);
    expect(digest.text).toBe("Bedrock spend digest 2026-11-28: no cost data for yesterday yet");
    expect(body).toContain('"text":"*Yesterday*\\nno cost data yet"');
    expect(body).toContain(":hourglass: No cost data for yesterday yet: unknown, not $0.");
    expect(body).not.toContain("$0.00");
    // The average and the sparkline keep to the days with data (11-20..11-25).
    expect(body).toContain("6 days through 2026-11-25");
    expect(body).toMatch(/Prior 7-day average\*\\n\$116\.83/);

    // The day after the CUR's last day, yesterday is that day: a normal digest.
    const next = await digestPreview(slackDeps(db, { capabilities: [getSpendByModel] }), NOW, null);
    expect(next.text).toMatch(/^Bedrock spend digest 2026-11-26: yesterday \$150\.00 vs \$/);
  });

  it("send-digest posts exactly one message with the expected blocks, once per day", async () => {
    const caps: AnyCapability[] = [
      getSpendByModel,
      contractCapability("get_budget_status", () => f.budgets).cap,
      contractCapability("forecast_spend", () => f.forecast).cap,
      contractCapability("detect_anomalies", () => f.anomalies).cap,
    ];
    const base = slackDeps(db, { capabilities: caps });
    const delivery = createDelivery({
      client: createSlackClient("xoxb-test", fake.apiUrl, slackLogger(silentLogger)),
      db,
      now: base.now,
      log: base.log,
      minIntervalMs: 0,
    });
    const deps = { ...base, delivery, channel: "#bedrock-spend" };
    const expected = await digestPreview(deps, NOW);

    expect((await sendDigest(deps, NOW)).posted).toBe(true);
    expect((await sendDigest(deps, new Date("2026-11-26T18:00:00Z"))).posted).toBe(false);
    const posts = fake.of("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0].args).toMatchObject({
      channel: "#bedrock-spend",
      text: expected.text,
      blocks: expected.blocks,
    });
    expectWithinSlackLimits(expected);

    // Yesterday (11-25) $150.00 vs the 11-18..11-24 average (6 × 100.25 + 150) / 7 = $107.36.
    expect(expected.text).toBe(
      "Bedrock spend digest 2026-11-26: yesterday $150.00 vs $107.36 7-day average, forecast $10,400.00, 2 open incidents, 1 data gap",
    );
    const text = JSON.stringify(expected.blocks);
    expect(text).toContain("$150.00 (▲ 40%)");
    expect(text).toContain("Claude Sonnet 4.6  $100.25  66.8%");
    expect(text).toContain("Nova Pro            $49.75  33.2%");
    expect(text).toContain("Budgets · 2026-11 month to date");
    expect(text).toContain("Open incidents (2)");
    expect(text).toContain("Data gaps (1)");
  });
});
