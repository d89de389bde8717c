import { describe, expect, it } from "vitest";
import { adjustmentKind, canonicalTags, normalizePeriod } from "../../../src/collect/cur/normalize.js";
import type { AggRow } from "../../../src/collect/cur/reader-types.js";

const row = (over: Partial<AggRow>): AggRow => ({
  day: "2026-11-03",
  payer: "999999999999",
  account: "111111111111",
  account_name: "prod",
  product_code: "AmazonBedrock",
  billing_entity: "AWS",
  product_name: null,
  usage_type: "USE1-NovaPro-input-tokens",
  operation: "InvokeModelInference",
  description: "$0.0008 per 1K input tokens",
  pricing_unit: "1K tokens",
  resource_id: null,
  principal: "arn:aws:iam::111111111111:user/a",
  line_item_type: "Usage",
  resource_tags: null,
  tags: null,
  usage_amount: 10,
  cost: 0.008,
  list_cost: 0.008,
  n: 2,
  ...over,
});

describe("normalizePeriod", () => {
  it("classifies, scales tokens and merges lines that differ only in fields the store does not keep", () => {
    const out = normalizePeriod("2026-11", [
      row({}),
      row({ operation: "InvokeModelStreamingInference", n: 3 }),
    ]);
    expect(out.cost).toHaveLength(1);
    expect(out.cost[0]).toMatchObject({
      model: "Nova Pro",
      token_type: "input",
      region: "us-east-1",
      tokens: 20_000,
      usage_amount: 20,
    });
    expect(out.cost[0].cost_usd).toBeCloseTo(0.016, 12);
    expect([out.bedrockLines, out.skippedLines, out.lastUsageDay]).toEqual([5, 0, "2026-11-03"]);
  });

  it("keeps adjustments apart, skips non-Bedrock candidates and uncounted types, and warns on unknown usage types", () => {
    const out = normalizePeriod("2026-11", [
      row({ line_item_type: "Credit", cost: -5, n: 1 }),
      row({ line_item_type: "Tax", usage_type: "", cost: 1.2, n: 1 }),
      row({ line_item_type: "PrivateRateDiscount", cost: -0.5, n: 1 }),
      row({ line_item_type: "Fee", cost: 9, n: 4 }),
      row({ billing_entity: "AWS Marketplace", product_code: "abc", product_name: "Some SaaS", n: 7 }),
      row({ usage_type: "USE1-Zorblax-thing", cost: 3, n: 1 }),
    ]);
    expect(out.adjustments.map((a) => [a.kind, a.amount_usd, a.model])).toEqual([
      ["credit", -5, "Nova Pro"],
      ["tax", 1.2, null],
      ["discount", -0.5, "Nova Pro"],
    ]);
    expect(out.costUsd).toBe(3);
    expect(out.skippedLines).toBe(11);
    expect(out.bedrockLines).toBe(4);
    expect(out.warnings.join("\n")).toMatch(/USE1-Zorblax-thing.*\(1 line\(s\), \$3\.00\)/);
    expect(out.warnings.join("\n")).toMatch(/type "Fee" are not counted as cost \(4 line\(s\), \$9\.00\)/);
  });

  it("maps tags: resource tags by plain key, principal tags as iamPrincipal/<k>, others dropped", () => {
    expect(
      JSON.parse(
        canonicalTags(
          '{"user_team":"search","aws_createdBy":"x","user_app":""}',
          '{"iamPrincipal/team":"chat","accountTag/env":"prod"}',
        ),
      ),
    ).toEqual({ team: "search", "iamPrincipal/team": "chat" });
    expect(canonicalTags("not json", null)).toBe("{}");
    expect(
      ["Credit", "Refund", "Tax", "BundledDiscount", "EdpDiscount", "Usage"].map(adjustmentKind),
    ).toEqual(["credit", "refund", "tax", "discount", "discount", null]);
  });
});
