import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { UsageError } from "../src/errors.js";

const valid = {
  accounts: [
    {
      id: "111111111111",
      name: "prod",
      roleArn: "arn:aws:iam::111111111111:role/BedrockSpendReadOnly",
      externalId: "tenant-7f3a9c",
      regions: ["us-east-1", "us-west-2"],
      invocationLogs: { s3: { bucket: "my-bedrock-logs", prefix: "bedrock-logs/" } },
    },
  ],
  cur: { source: "s3://my-cur-bucket/cur/Export", account: "111111111111" },
  budgets: [{ name: "search-team", monthlyUsd: 5000, scope: { tag: { key: "team", value: "search" } } }],
  slack: { channel: "#bedrock-spend", digest: { cron: "0 9 * * *", timezone: "Europe/Berlin" } },
};

function problem(raw: unknown): string {
  try {
    parseConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("config", () => {
  it("accepts the docs/architecture.md §6 example and fills defaults", () => {
    const c = parseConfig(valid);
    expect(c.accounts[0].regions).toEqual(["us-east-1", "us-west-2"]);
    expect(c.budgets[0].thresholds).toEqual([0.5, 0.8, 1.0]);
    expect(c.collect.backfillDays).toBe(35);
    expect(c.collect.schedule.cur).toBe("0 */6 * * *");
    expect(c.anomaly.minImpactUsd).toBe(20);
    expect(c.mcp.host).toBe("127.0.0.1");
  });

  it("an empty file is a valid config with defaults", () => {
    expect(parseConfig(null).accounts).toEqual([]);
  });

  it.each([
    [{ acounts: [] }, "unknown key acounts"],
    [{ accounts: [{ id: 111111111111 }] }, "accounts[0].id"],
    [{ accounts: [{ id: "1111" }] }, "12-digit"],
    [
      { accounts: [{ id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/R" }] },
      "accounts[0].externalId",
    ],
    [{ budgets: [{ name: "x", monthlyUsd: -1 }] }, "budgets[0].monthlyUsd"],
    [{ collect: { backfillDays: 900 } }, "collect.backfillDays"],
    [{ slack: { digest: { cron: "0 9 * * *", tz: "UTC" } } }, "slack.digest: unknown key tz"],
  ])("rejects %j naming %s", (raw, expected) => {
    expect(problem(raw)).toContain(expected);
  });
});
