import { describe, expect, it } from "vitest";
import { canonicalModelName } from "../../../src/domain/models/fallback-names.js";
import { type ModelIdContext, resolveModelId } from "../../../src/domain/models/model-id.js";

const PT = "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6";
const APP = "arn:aws:bedrock:us-east-1:111111111111:application-inference-profile/x9y8z7";
const ctx: ModelIdContext = {
  names: new Map([
    ["meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct"],
    ["amazon.titan-embed-text-v2:0", "Titan Text Embeddings V2"],
    ["acme.brand-new-v1:0", "Acme Brand New"],
    ["anthropic.claude-3-sonnet-20240229-v1:0", "Claude 3 Sonnet"],
  ]),
  provisioned: new Map([[PT, "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"]]),
  applicationProfiles: new Map([
    [APP, ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"]],
  ]),
};

describe("resolveModelId", () => {
  const cases: [string, string, string | null, string, string][] = [
    // raw ModelId, model, baseModelId, route, pricingModel
    ["amazon.nova-pro-v1:0", "Nova Pro", "amazon.nova-pro-v1:0", "regional", "on_demand"],
    [
      "us.anthropic.claude-sonnet-4-6",
      "Claude Sonnet 4.6",
      "anthropic.claude-sonnet-4-6",
      "regional",
      "on_demand",
    ],
    [
      "global.anthropic.claude-sonnet-4-6",
      "Claude Sonnet 4.6",
      "anthropic.claude-sonnet-4-6",
      "global",
      "on_demand",
    ],
    ["eu.amazon.nova-lite-v1:0", "Nova Lite", "amazon.nova-lite-v1:0", "regional", "on_demand"],
    ["apac.amazon.nova-micro-v1:0", "Nova Micro", "amazon.nova-micro-v1:0", "regional", "on_demand"],
    [
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "Claude 3.5 Sonnet v2",
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "regional",
      "on_demand",
    ],
    // Version digits never collapse.
    [
      "anthropic.claude-3-sonnet-20240229-v1:0",
      "Claude 3 Sonnet",
      "anthropic.claude-3-sonnet-20240229-v1:0",
      "regional",
      "on_demand",
    ],
    // Context-window variant uses its base model's name.
    [
      "anthropic.claude-3-sonnet-20240229-v1:0:28k",
      "Claude 3 Sonnet",
      "anthropic.claude-3-sonnet-20240229-v1:0:28k",
      "regional",
      "on_demand",
    ],
    // Inventory names are canonicalised (no "Instruct").
    [
      "us.meta.llama3-1-8b-instruct-v1:0",
      "Llama 3.1 8B",
      "meta.llama3-1-8b-instruct-v1:0",
      "regional",
      "on_demand",
    ],
    ["acme.brand-new-v1:0", "Acme Brand New", "acme.brand-new-v1:0", "regional", "on_demand"],
    // Unknown everywhere: the base id itself, never a guess.
    ["us.mystery.model-v9:0", "mystery.model-v9:0", "mystery.model-v9:0", "regional", "on_demand"],
    // Service tiers as ModelId suffixes.
    ["amazon.nova-pro-v1:0+priority", "Nova Pro", "amazon.nova-pro-v1:0", "regional", "priority"],
    ["amazon.nova-pro-v1:0+flex", "Nova Pro", "amazon.nova-pro-v1:0", "regional", "flex"],
    // Provisioned throughput ARN → its model, pricing model provisioned.
    [PT, "Nova Pro", "amazon.nova-pro-v1:0", "regional", "provisioned"],
    [
      "arn:aws:bedrock:us-west-2:1:provisioned-model/zzz",
      "Provisioned model zzz",
      null,
      "regional",
      "provisioned",
    ],
    // Inference-profile ARN (as logged) and foundation-model ARN.
    [
      "arn:aws:bedrock:us-west-2:565521294060:inference-profile/global.anthropic.claude-opus-4-6-v1",
      "Claude Opus 4.6",
      "anthropic.claude-opus-4-6-v1",
      "global",
      "on_demand",
    ],
    [
      "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
      "Titan Text Embeddings V2",
      "amazon.titan-embed-text-v2:0",
      "regional",
      "on_demand",
    ],
    // Application inference profile → the model it routes to.
    [APP, "Claude Haiku 4.5", "anthropic.claude-haiku-4-5-20251001-v1:0", "regional", "on_demand"],
    [
      "arn:aws:bedrock:us-east-1:1:application-inference-profile/unknown1",
      "Application profile unknown1",
      null,
      "regional",
      "on_demand",
    ],
    [
      "arn:aws:bedrock:us-east-1:1:custom-model/amazon.nova-lite-v1:0:300k/abc",
      "Custom model amazon.nova-lite-v1:0:300k/abc",
      null,
      "regional",
      "on_demand",
    ],
  ];
  it.each(cases)("%s → %s", (raw, model, base, route, pricingModel) => {
    expect(resolveModelId(raw, ctx)).toEqual({ model, baseModelId: base, route, pricingModel });
  });

  it("works without any inventory (fallback table only)", () => {
    expect(resolveModelId("us.meta.llama3-3-70b-instruct-v1:0").model).toBe("Llama 3.3 70B");
    expect(resolveModelId(PT).model).toBe("Provisioned model a1b2c3d4e5f6");
  });
});

describe("canonicalModelName", () => {
  it.each([
    ["Claude 3 Haiku (Amazon Bedrock Edition)", "Claude 3 Haiku"],
    ["Amazon Nova Pro", "Nova Pro"],
    ["Meta Llama 3.3 70B Instruct", "Llama 3.3 70B"],
    ["Anthropic Claude Sonnet 4.6", "Claude Sonnet 4.6"],
    ["Titan Text Embeddings V2", "Titan Text Embeddings V2"],
  ])("%s → %s", (raw, want) => expect(canonicalModelName(raw)).toBe(want));
});
