import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePriceListItem } from "../../src/prices/price-list.js";

const realRecord = readFileSync(
  new URL("../fixtures/price-list/claude2.0-input-use1.json", import.meta.url),
  "utf8",
);

function product(
  serviceCode: string,
  attributes: Record<string, string>,
  unit: string,
  usd: string,
  extra = {},
) {
  const dim = {
    unit,
    beginRange: "0",
    endRange: "Inf",
    description: "",
    pricePerUnit: { USD: usd },
    ...extra,
  };
  return JSON.stringify({
    product: { productFamily: "Amazon Bedrock", attributes, sku: "SKU" },
    serviceCode,
    terms: {
      OnDemand: { "SKU.T": { effectiveDate: "2026-03-01T00:00:00Z", priceDimensions: { "SKU.T.R": dim } } },
    },
  });
}

describe("parsePriceListItem", () => {
  it("reads the real Price List record (Claude 2.0 input, 1K tokens)", () => {
    const out = parsePriceListItem(realRecord, "pl");
    expect(out.warnings).toEqual([]);
    expect(out.prices).toHaveLength(1);
    expect(out.prices[0]).toMatchObject({
      region: "us-east-1",
      route: "regional",
      pricingModel: "on_demand",
      tokenType: "input",
      cacheTtl: null,
      effectiveFrom: "2025-06-01",
      source: "pl",
    });
    expect(out.prices[0].model).toMatch(/^Claude 2(\.0)?$/);
    expect(out.prices[0].usdPerMillion).toBeCloseTo(8, 12);
  });

  it.each([
    [
      "first-party batch",
      product("AmazonBedrock", { usagetype: "USE1-NovaPro-output-tokens-batch" }, "1K tokens", "0.0016"),
      { model: "Nova Pro", tokenType: "output", pricingModel: "batch", route: "regional", usd: 1.6 },
    ],
    [
      "first-party global cache write",
      product(
        "AmazonBedrockService",
        { usagetype: "USE1-Claude4.6Sonnet-cache-write-input-token-count-cross-region-global" },
        "1K tokens",
        "0.00375",
      ),
      { model: "Claude Sonnet 4.6", tokenType: "cache_write", route: "global", usd: 3.75, cacheTtl: "5m" },
    ],
    [
      "Marketplace Units without a unit description are per 1M",
      product(
        "AmazonBedrockFoundationModels",
        {
          usagetype: "USE1-MP:USE1_InputTokenCount_Global-Units",
          servicename: "Claude Sonnet 4.6 (Amazon Bedrock Edition)",
        },
        "Units",
        "3.0",
      ),
      { model: "Claude Sonnet 4.6", tokenType: "input", route: "global", usd: 3 },
    ],
    [
      "Marketplace Units with a CUR-style description",
      product(
        "AmazonBedrockFoundationModels",
        {
          usagetype: "USW2-MP:USW2_OutputTokenCount-Units",
          servicename: "Claude Haiku 4.5 (Amazon Bedrock Edition)",
        },
        "Units",
        "5.5",
        { description: "AWS Marketplace software usage|us-west-2|Million Output Tokens Regional" },
      ),
      { model: "Claude Haiku 4.5", tokenType: "output", route: "regional", usd: 5.5, region: "us-west-2" },
    ],
  ])("%s", (_name, json, want) => {
    const out = parsePriceListItem(json, "pl");
    expect(out.prices).toHaveLength(1);
    const p = out.prices[0];
    expect(p).toMatchObject({
      model: want.model,
      tokenType: want.tokenType,
      route: want.route,
      region: "region" in want ? want.region : "us-east-1",
    });
    if ("pricingModel" in want) expect(p.pricingModel).toBe(want.pricingModel);
    if ("cacheTtl" in want) expect(p.cacheTtl).toBe(want.cacheTtl);
    expect(p.usdPerMillion).toBeCloseTo(want.usd, 12);
  });

  it.each([
    [
      "provisioned throughput hours",
      product(
        "AmazonBedrock",
        { usagetype: "USE1-NovaPro-ProvisionedThroughput-NoCommit-ModelUnits" },
        "Hrs",
        "21.18",
      ),
    ],
    [
      "guardrails",
      product("AmazonBedrock", { usagetype: "USE1-Guardrail-ContentPolicyUnitsConsumed" }, "Units", "0.15"),
    ],
    ["no usage type", product("AmazonBedrock", {}, "1K tokens", "0.1")],
  ])("skips non-token products: %s", (_name, json) => {
    const out = parsePriceListItem(json, "pl");
    expect(out.prices).toEqual([]);
    expect(out.skipped).toBe(1);
  });

  it("reports unreadable products and prices instead of guessing", () => {
    expect(parsePriceListItem("{not json", "pl").warnings[0]).toMatch(/unreadable Price List product/);
    const bad = parsePriceListItem(
      product("AmazonBedrock", { usagetype: "USE1-NovaPro-input-tokens" }, "1K tokens", "n/a"),
      "pl",
    );
    expect(bad.prices).toEqual([]);
    expect(bad.warnings[0]).toMatch(/cannot read price "n\/a"/);
  });
});
