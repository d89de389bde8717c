import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spendPartQuestions } from "../../src/demo/outputs.js";
import { runDemo } from "../../src/demo/run.js";
import { slackText } from "../../src/demo/slack-text.js";
import type { Sandbox } from "../../src/sandbox/server.js";
import { openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";

const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-demo-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("runDemo failure path", { timeout: 120_000 }, () => {
  it("replaces a stale store, and when collection fails it names the unit and still closes the sandbox, its folder and the store", async () => {
    const dbPath = join(dir, "demo.db");
    // Not a database at all: the demo must recreate it rather than open it.
    writeFileSync(dbPath, "stale bytes from an older demo");
    let sb: Sandbox | undefined;
    const run = runDemo({
      dbPath,
      now: new Date("2026-11-26T12:00:00Z"),
      log: silentLogger,
      faults: { wrongExternalId: ["222222222222"] },
      onSandbox: (s) => {
        sb = s;
      },
    });
    await expect(run).rejects.toThrow(/demo collection failed for \d+ unit\(s\), first \w+ 222222222222\//);
    expect(sb).toBeDefined();
    await expect(fetch(`${sb?.url}/`)).rejects.toThrow();
    expect(existsSync(sb?.dataDir ?? "")).toBe(false);
    // The store was recreated, migrated and closed: it opens again and holds what was collected.
    const db = await openDb(dbPath);
    const units = await db.selectFrom("metric_hourly").select("account").distinct().execute();
    expect(units.map((u) => u.account)).not.toContain("222222222222");
    await db.destroy();
  });
});

describe("billed and estimated parts of this month", () => {
  const spend = (billedThrough: string | null, estimatedFrom: string | null) => ({
    from: "2026-11-01",
    to: "2026-11-26",
    provenance: { billedThrough, estimatedFrom },
  });
  it.each([
    [
      "mixed",
      spend("2026-11-25", "2026-11-26"),
      [
        ["billed", "2026-11-01", "2026-11-25"],
        ["estimated", "2026-11-26", "2026-11-26"],
      ],
    ],
    [
      "billed through last month",
      spend("2026-10-31", "2026-11-01"),
      [["estimated", "2026-11-01", "2026-11-26"]],
    ],
    ["no CUR yet", spend(null, "2026-11-01"), [["estimated", "2026-11-01", "2026-11-26"]]],
    ["all billed", spend("2026-11-30", null), [["billed", "2026-11-01", "2026-11-26"]]],
  ])("%s", (_, input, expected) => {
    const got = spendPartQuestions(input).map((q) => [q.input.source, q.input.from, q.input.to]);
    expect(got).toEqual(expected);
  });
});

describe("Slack message as plain text", () => {
  it("renders header, fields, code tables, context and buttons without mrkdwn markers", () => {
    const text = slackText({
      text: "fallback",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Digest" } },
        { type: "section", fields: [{ type: "mrkdwn", text: "*Yesterday*\n$1.00" }] },
        { type: "section", text: { type: "mrkdwn", text: "```a  b\n1  2``` &lt;x&gt; &amp;" } },
        { type: "divider" },
        {
          type: "context",
          elements: [
            { type: "mrkdwn", text: "one" },
            { type: "mrkdwn", text: "two" },
          ],
        },
        {
          type: "actions",
          elements: [{ type: "button", text: { type: "plain_text", text: "Acknowledge" }, action_id: "ack" }],
        },
      ],
    });
    expect(text).toBe("# Digest\nYesterday: $1.00\na  b\n1  2 <x> &\n────\none  ·  two\n[Acknowledge]\n");
    expect(slackText({ text: "No new alerts", blocks: [] })).toBe("No new alerts\n");
  });
});
