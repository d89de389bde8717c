import {
  GetFoundationModelCommand,
  GetModelInvocationLoggingConfigurationCommand,
  GetProvisionedModelThroughputCommand,
  ListFoundationModelsCommand,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
  paginateListProvisionedModelThroughputs,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

describe("sandbox Bedrock control plane through the real SDK client", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  const bedrock = (acct = PROD, region = "us-east-1") => aws.clients(sandboxAccount(acct), region).bedrock;
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z"), logHours: 1 });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  it("lists foundation models with lifecycle dates and enum values the SDK does not know", async () => {
    const out = await bedrock().send(new ListFoundationModelsCommand({}));
    const byId = new Map(out.modelSummaries!.map((m) => [m.modelId, m]));
    expect(byId.get("anthropic.claude-sonnet-4-6")!.inferenceTypesSupported).toEqual(["INFERENCE_PROFILE"]);
    expect(byId.get("anthropic.claude-3-sonnet-20240229-v1:0:28k")!.inferenceTypesSupported).toEqual([]);
    const legacy = byId.get("anthropic.claude-3-5-sonnet-20241022-v2:0")!.modelLifecycle!;
    expect(legacy.status).toBe("LEGACY");
    expect(legacy.endOfLifeTime?.toISOString()).toBe("2027-01-15T00:00:00.000Z");
    const meta = await bedrock().send(new ListFoundationModelsCommand({ byProvider: "meta" }));
    expect(meta.modelSummaries!.map((m) => m.providerName)).toEqual(["Meta", "Meta"]);
    const one = await bedrock().send(
      new GetFoundationModelCommand({ modelIdentifier: "amazon.nova-pro-v1:0" }),
    );
    expect(one.modelDetails!.inferenceTypesSupported).toEqual(["ON_DEMAND", "PROVISIONED"]);
    const missing = await bedrock()
      .send(new GetFoundationModelCommand({ modelIdentifier: "nope.model-v1" }))
      .catch((e) => e);
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("lists and gets the provisioned throughput only in its account and region", async () => {
    const items = [];
    for await (const p of paginateListProvisionedModelThroughputs({ client: bedrock() }, {}))
      items.push(...p.provisionedModelSummaries!);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      provisionedModelName: "nova-pro-reserved-capacity",
      modelUnits: 1,
      status: "InService",
    });
    const arn = items[0].provisionedModelArn!;
    const got = await bedrock().send(new GetProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    expect(got.provisionedModelArn).toBe(arn);
    expect(got.creationTime).toBeInstanceOf(Date);
    const none = await bedrock(PROD, "us-west-2")
      .send(new GetProvisionedModelThroughputCommand({ provisionedModelId: arn }))
      .catch((e) => e);
    expect(none.name).toBe("ResourceNotFoundException");
  });

  it("pages inference profiles and reads application-profile tags", async () => {
    sb.clearCallLog();
    const profiles = [];
    for await (const p of paginateListInferenceProfiles({ client: bedrock(RESEARCH) }, { maxResults: 4 }))
      profiles.push(...p.inferenceProfileSummaries!);
    const calls = sb.callLog().filter((c) => c.action === "bedrock:ListInferenceProfiles").length;
    expect(calls).toBe(Math.ceil(profiles.length / 4));
    expect(calls).toBeGreaterThan(2);
    const app = profiles.find((p) => p.type === "APPLICATION")!;
    expect(app.inferenceProfileArn).toMatch(
      /^arn:aws:bedrock:us-east-1:333333333333:application-inference-profile\//,
    );
    expect(profiles.some((p) => p.inferenceProfileId === "global.anthropic.claude-sonnet-4-6")).toBe(true);
    const tags = await bedrock(RESEARCH).send(
      new ListTagsForResourceCommand({ resourceARN: app.inferenceProfileArn }),
    );
    expect(tags.tags).toEqual([
      { key: "team", value: "research" },
      { key: "app", value: "notebooks" },
    ]);
  });

  it("reports the invocation logging configuration per account and region", async () => {
    const cfg = async (acct: string, region: string) =>
      (await bedrock(acct, region).send(new GetModelInvocationLoggingConfigurationCommand({}))).loggingConfig;
    const prodEast = await cfg(PROD, "us-east-1");
    expect(prodEast?.textDataDeliveryEnabled).toBe(true);
    expect(prodEast?.s3Config?.bucketName).toBe("sandbox-bedrock-logs-111111111111-us-east-1");
    expect((await cfg(PROD, "us-west-2"))?.textDataDeliveryEnabled).toBe(false);
    expect((await cfg(STAGING, "us-east-1"))?.cloudWatchConfig?.logGroupName).toBe(
      "/aws/bedrock/invocations",
    );
    expect(await cfg(RESEARCH, "eu-central-1")).toBeUndefined();
  });
});
