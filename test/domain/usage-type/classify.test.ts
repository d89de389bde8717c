import { describe, expect, it } from "vitest";
import { MODEL_CATALOG } from "../../../src/domain/models/catalog.js";
import { nameFromCamel } from "../../../src/domain/models/names.js";
import { type CurLineKey, classifyLine, isBedrockLine } from "../../../src/domain/usage-type/classify.js";
import { DEMO_MODELS } from "../../../src/synthetic/org.js";
import { FIRST_PARTY, MARKETPLACE, NON_TOKEN, type Row } from "./classify-table.js";

const firstPartyKey = (usageType: string, over: Partial<CurLineKey> = {}): CurLineKey => ({
  productCode: "AmazonBedrock",
  billingEntity: "AWS",
  productName: "Amazon Bedrock",
  usageType,
  operation: "InvokeModelInference",
  description: null,
  pricingUnit: "1K tokens",
  resourceId: null,
  ...over,
});

const marketplaceKey = (usageType: string, productName: string, over: Partial<CurLineKey> = {}): CurLineKey =>
  firstPartyKey(usageType, {
    productCode: "8x4kq2mbm7e0e9xnqpzu0vqzc",
    billingEntity: "AWS Marketplace",
    productName,
    pricingUnit: "Units",
    description: "AWS Marketplace software usage|us-east-1|Million Input Tokens Regional",
    ...over,
  });

const TABLE: Row[] = [...FIRST_PARTY, ...MARKETPLACE, ...NON_TOKEN];

describe("classifyLine: real usage types", () => {
  it("covers at least 40 real usage types across both grammars", () => {
    expect(new Set(TABLE.map((r) => r.usageType)).size).toBeGreaterThanOrEqual(40);
    expect(MARKETPLACE.length).toBeGreaterThanOrEqual(18);
  });

  it.each(TABLE)("$usageType", (row) => {
    const c = classifyLine(firstPartyKey(row.usageType, row.key));
    expect({
      model: c.model,
      tokenType: c.tokenType,
      cacheTtl: c.cacheTtl,
      pricingModel: c.pricingModel,
      route: c.route,
      region: c.region,
      tokensPerUnit: c.tokensPerUnit,
    }).toEqual({
      model: row.model,
      tokenType: row.tokenType,
      cacheTtl: row.cacheTtl,
      pricingModel: row.pricingModel,
      route: row.route,
      region: row.region,
      tokensPerUnit: row.tokensPerUnit,
    });
    // Only lines nobody recognises carry a warning; every recognised one is clean.
    expect(c.warning !== undefined).toBe(row.model.startsWith("unknown: "));
    if (c.warning) expect(c.warning).toContain(row.usageType);
  });
});

describe("classifyLine: model names", () => {
  it.each(DEMO_MODELS)("demo model $model from its billing name and its Marketplace product", (m) => {
    const first = classifyLine(firstPartyKey(`USE1-${m.billingName}-input-tokens`));
    const market = classifyLine(
      marketplaceKey("USE1-MP:USE1_InputTokenCount-Units", `${m.model} (Amazon Bedrock Edition)`),
    );
    expect(first.model).toBe(m.model);
    expect(market.model).toBe(m.model);
    expect(first.modelId).toBe(m.modelId);
    expect(market.modelId).toBe(m.modelId);
  });

  it("names the same model the same way whichever way AWS bills it", () => {
    const pairs: [string, string][] = [
      ["Claude4.6Sonnet", "Claude Sonnet 4.6 (Amazon Bedrock Edition)"],
      ["Claude3.5SonnetV2", "Claude 3.5 Sonnet v2 (Amazon Bedrock Edition)"],
      ["Claude3Haiku", "Claude 3 Haiku (Amazon Bedrock Edition)"],
      ["Llama3-1-8B", "Meta Llama 3.1 8B Instruct"],
      ["TitanTextEmbeddingsV2", "Amazon Titan Text Embeddings V2"],
    ];
    for (const [billingName, productName] of pairs) {
      const a = classifyLine(firstPartyKey(`USW2-${billingName}-output-tokens`));
      const b = classifyLine(marketplaceKey("USW2-MP:USW2_OutputTokenCount-Units", productName));
      expect(a.model).toBe(b.model);
    }
  });

  it("never collapses version digits", () => {
    const names = [
      "Claude3Sonnet",
      "Claude3.5Sonnet",
      "Claude3.7Sonnet",
      "Claude4Sonnet",
      "Claude4.5Sonnet",
    ].map((b) => classifyLine(firstPartyKey(`USE1-${b}-input-tokens`)).model);
    expect(names).toEqual([
      "Claude 3 Sonnet",
      "Claude 3.5 Sonnet",
      "Claude 3.7 Sonnet",
      "Claude Sonnet 4",
      "Claude Sonnet 4.5",
    ]);
  });

  it("the general normalizer reproduces the table for every CamelCase billing name", () => {
    const camel = MODEL_CATALOG.filter((m) => /^[A-Z]/.test(m.billingNames[0]!));
    expect(camel.length).toBeGreaterThan(25);
    for (const m of camel) expect(nameFromCamel(m.billingNames[0]!), m.billingNames[0]).toBe(m.model);
  });

  it("gives unseen models sensible names without a table entry", () => {
    const name = (b: string) => classifyLine(firstPartyKey(`USE1-${b}-input-tokens`));
    expect(name("Claude5Opus").model).toBe("Claude Opus 5");
    expect(name("Claude4.7Haiku").model).toBe("Claude Haiku 4.7");
    expect(name("Claude3.9Sonnet").model).toBe("Claude 3.9 Sonnet");
    expect(name("Nova3.0Pro").model).toBe("Nova 3 Pro");
    expect(name("Llama3-2-11B").model).toBe("Llama 3.2 11B");
    expect(name("Llama5-1-400B").model).toBe("Llama 5.1 400B");
    expect(name("Claude5Opus").modelId).toBeNull();
    expect(name("Claude5Opus").warning).toBeUndefined();
  });
});

describe("classifyLine: resource ids, units, robustness", () => {
  it("takes model_id from a foundation-model or inference-profile ARN", () => {
    const fm = classifyLine(
      firstPartyKey("USE1-Claude4.5Haiku-input-tokens", {
        resourceId: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
      }),
    );
    expect(fm.modelId).toBe("anthropic.claude-haiku-4-5-20251001-v1:0");
    const profile = classifyLine(
      firstPartyKey("USE1-Llama3-1-70B-input-tokens", {
        resourceId:
          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-1-70b-instruct-v1:0/ab12",
      }),
    );
    expect(profile.modelId).toBe("meta.llama3-1-70b-instruct-v1:0");
    const global = classifyLine(
      firstPartyKey("USE1-Claude4.6Sonnet-input-tokens-cross-region-global", {
        resourceId:
          "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-6",
      }),
    );
    expect([global.modelId, global.route]).toEqual(["anthropic.claude-sonnet-4-6", "global"]);
  });

  it("a provisioned-model ARN makes the line provisioned", () => {
    const c = classifyLine(
      firstPartyKey("USE1-NovaPro-input-tokens", {
        resourceId: "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6",
      }),
    );
    expect([c.model, c.pricingModel, c.route]).toEqual(["Nova Pro", "provisioned", "regional"]);
  });

  it("scales by pricing unit and never assumes one", () => {
    const scale = (pricingUnit: string | null, description: string | null = null) =>
      classifyLine(firstPartyKey("USE1-NovaPro-input-tokens", { pricingUnit, description }));
    expect(scale("1K tokens").tokensPerUnit).toBe(1000);
    expect(scale("1M Tokens").tokensPerUnit).toBe(1e6);
    expect(scale("1000 tokens").tokensPerUnit).toBe(1000);
    expect(
      scale("Units", "AWS Marketplace software usage|us-east-1|Thousand Input Tokens").tokensPerUnit,
    ).toBe(1000);
    for (const bad of [
      scale(null),
      scale("hours"),
      scale("Units", null),
      scale("Units", "x|us-east-1|Requests"),
    ]) {
      expect(bad.tokensPerUnit).toBe(0);
      expect(bad.warning).toMatch(/pricing unit/);
      expect(bad.model).toBe("Nova Pro");
    }
  });

  it("takes the region from a Marketplace description when the usage type has no prefix", () => {
    const c = classifyLine(
      marketplaceKey("MP:InputTokenCount-Units", "Claude Sonnet 4.6 (Amazon Bedrock Edition)", {
        description: "AWS Marketplace software usage|eu-central-1|Million Input Tokens Regional",
      }),
    );
    expect([c.model, c.tokenType, c.region, c.tokensPerUnit]).toEqual([
      "Claude Sonnet 4.6",
      "input",
      "eu-central-1",
      1e6,
    ]);
  });

  it("keeps lines it cannot read, with a warning, and never throws", () => {
    for (const usageType of [
      "",
      "-",
      "USE1-",
      "MP:",
      "USE1-MP:USE1_-Units",
      "XYZ9-Foo-bar",
      "USE1-NovaPro",
    ]) {
      const c = classifyLine(firstPartyKey(usageType));
      expect(c.model).toBe(`unknown: ${usageType}`);
      expect(c.tokenType).toBe("none");
      expect(c.tokensPerUnit).toBe(0);
      expect(c.warning).toBeTruthy();
    }
    // Marketplace grammar under the service's own product name: the model comes from the ARN, or is unknown.
    const viaArn = classifyLine(
      firstPartyKey("USE1-MP:USE1_InputTokenCount-Units", {
        productName: "Amazon Bedrock Service",
        resourceId: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6",
      }),
    );
    expect([viaArn.model, viaArn.modelId, viaArn.warning]).toEqual([
      "Claude Sonnet 4.6",
      "anthropic.claude-sonnet-4-6",
      undefined,
    ]);
    for (const productName of ["", "Amazon Bedrock", "Amazon Bedrock Service"]) {
      const noName = classifyLine(marketplaceKey("USE1-MP:USE1_InputTokenCount-Units", productName));
      expect(noName.model).toBe("unknown: USE1-MP:USE1_InputTokenCount-Units");
      expect(noName.warning).toMatch(/product name/);
    }
  });

  it("keeps a recognised line with an unknown modifier and says which word it did not know", () => {
    const c = classifyLine(firstPartyKey("USE1-Claude4.6Sonnet-input-tokens-turbo"));
    expect([c.model, c.tokenType, c.tokensPerUnit]).toEqual(["Claude Sonnet 4.6", "input", 1000]);
    expect(c.warning).toMatch(/turbo/);
  });

  it("names AgentCore lines by product code", () => {
    const c = classifyLine(
      firstPartyKey("USE1-Runtime-vCPU-Hours", { productCode: "AmazonBedrockAgentCore" }),
    );
    expect([c.model, c.tokenType, c.tokensPerUnit, c.warning]).toEqual(["AgentCore", "none", 0, undefined]);
  });
});

describe("isBedrockLine", () => {
  it.each([
    ["AmazonBedrock", "AWS", "Amazon Bedrock", true],
    ["AmazonBedrockService", "AWS", "Amazon Bedrock Service", true],
    ["AmazonBedrockFoundationModels", "AWS", null, true],
    ["AmazonBedrockAgentCore", "AWS", "Amazon Bedrock AgentCore", true],
    ["amazonbedrock", "aws", null, true],
    ["AmazonBedrock", "AISPL", "Amazon Bedrock", true],
    ["8x4kq2mbm7e0e9xnqpzu0vqzc", "AWS Marketplace", "Claude 3 Haiku (Amazon Bedrock Edition)", true],
    ["8x4kq2mbm7e0e9xnqpzu0vqzc", "aws marketplace", "claude sonnet 4.6 (amazon bedrock edition)", true],
    ["8x4kq2mbm7e0e9xnqpzu0vqzc", null, "Claude Sonnet 4.6 (Amazon Bedrock Edition)", true],
    ["AmazonEC2", "AWS", "Amazon Elastic Compute Cloud", false],
    ["AmazonS3", "AWS", null, false],
    ["prodview-abc", "AWS Marketplace", "Datadog Pro", false],
    ["prodview-abc", "AWS Marketplace", null, false],
    ["AmazonBedrock", "AWS Marketplace", "Some Other Product", false],
  ] as const)("%s / %s / %s → %s", (code, entity, name, expected) => {
    expect(isBedrockLine(code, entity, name)).toBe(expected);
  });
});
