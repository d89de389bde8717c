import { describe, expect, it } from "vitest";
import { anomaliesMessage } from "../../../src/slack/blocks/anomalies.js";
import { fitLimits, LIMITS, section } from "../../../src/slack/blocks/format.js";
import { statusMessage } from "../../../src/slack/blocks/other.js";
import { spendMessage } from "../../../src/slack/blocks/spend.js";
import { outputOf } from "../../helpers/slack-deps.js";
import * as f from "../../helpers/slack-fixtures.js";
import { expectWithinSlackLimits } from "../../helpers/slack-limits.js";

const long = (i: number) => `Model ${i} ${"with a very long descriptive name ".repeat(5)}`;

describe("Slack limits", () => {
  it("a spend answer with 1000 long rows stays within limits", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      model: long(i),
      costUsd: 1000 - i,
      tokens: 1e6,
      share: 0.001,
      unpricedTokens: 0,
    }));
    const m = spendMessage(outputOf("get_spend_by_model", { ...f.spendByModel, rows }), {
      title: long(0).repeat(5),
      groupBy: ["model"],
      daily: rows.map((r, i) => ({ day: `d${i}`, costUsd: r.costUsd })),
    });
    expectWithinSlackLimits(m);
    expect(JSON.stringify(m.blocks)).toContain("(other)");
  });

  it("200 anomalies and a 60-account status stay within limits", () => {
    const list = Array.from({ length: 200 }, (_, i) => ({ ...f.anomaly, id: `a${i}`, key: long(i) }));
    expectWithinSlackLimits(
      anomaliesMessage(outputOf("detect_anomalies", { ...f.anomalies, anomalies: list }), {
        from: "2026-11-01",
        to: "2026-11-26",
      }),
    );
    const accounts = Array.from({ length: 60 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: null,
      status: "error",
      steps: Array.from({ length: 40 }, () => ({
        id: "cloudwatch_metrics",
        region: "us-east-1",
        status: "error",
        detail: long(i),
        fix: long(i),
      })),
    }));
    expectWithinSlackLimits(
      statusMessage(outputOf("onboarding_status", { ok: false, asOf: "2026-11-26T12:00:00Z", accounts })),
    );
  });

  it("fitLimits cuts to 50 blocks and says how many were cut", () => {
    const m = fitLimits({ text: "x", blocks: Array.from({ length: 80 }, (_, i) => section(`b${i}`)) });
    expect(m.blocks).toHaveLength(LIMITS.blocks);
    expect(JSON.stringify(m.blocks.at(-1))).toContain("31 more blocks not shown");
  });

  it("section text is clipped to 3000 characters", () => {
    const b = section("x".repeat(5000)) as { text: { text: string } };
    expect(b.text.text).toHaveLength(3000);
  });
});
