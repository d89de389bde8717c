import { DEMO_PROVISIONED, DEMO_RESOURCE_TAGS, type DemoModel } from "../synthetic/org.js";
import { SAVINGS_PROVISIONED } from "../synthetic/savings-traffic.js";
import type { SandboxOrg } from "./org-data.js";
import { stableHex } from "./rng.js";

/** Bedrock control-plane inventory of the sandbox org (shapes: docs/aws-data.md §4, botocore). */

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function inferenceTypes(m: DemoModel): string[] {
  // Newer models are only reachable through inference profiles: AWS returns the value
  // INFERENCE_PROFILE, which is outside the SDK's enum (samples/bedrock-api/).
  if (m.globalFactor) return ["INFERENCE_PROFILE"];
  if (m.modelId === DEMO_PROVISIONED.modelId) return ["ON_DEMAND", "PROVISIONED"];
  return ["ON_DEMAND"];
}

export function foundationModels(region: string, models: DemoModel[]): Record<string, unknown>[] {
  const out = models.map((m) => ({
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${m.modelId}`,
    modelId: m.modelId,
    modelName: m.model,
    providerName: m.provider,
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: inferenceTypes(m),
    modelLifecycle: m.lifecycle ? { ...m.lifecycle } : { status: "ACTIVE" },
  }));
  // A context-window variant: real responses list it with an EMPTY inferenceTypesSupported.
  out.push({
    modelArn: `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0:28k`,
    modelId: "anthropic.claude-3-sonnet-20240229-v1:0:28k",
    modelName: "Claude 3 Sonnet",
    providerName: "Anthropic",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: [],
    modelLifecycle: { status: "LEGACY" },
  });
  out.push({
    modelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-embed-text-v2:0`,
    modelId: "amazon.titan-embed-text-v2:0",
    modelName: "Titan Text Embeddings V2",
    providerName: "Amazon",
    inputModalities: ["TEXT"],
    outputModalities: ["EMBEDDING"],
    responseStreamingSupported: false,
    customizationsSupported: [],
    inferenceTypesSupported: ["ON_DEMAND"],
    modelLifecycle: { status: "ACTIVE" },
  });
  return out;
}

export function provisionedThroughputs(
  org: SandboxOrg,
  account: string,
  region: string,
): Record<string, unknown>[] {
  return [...idlePt(org, account, region), ...committedPt(org, account, region)];
}

function committedPt(org: SandboxOrg, account: string, region: string): Record<string, unknown>[] {
  const c = SAVINGS_PROVISIONED;
  if (account !== c.account || region !== c.region) return [];
  const fm = `arn:aws:bedrock:${region}::foundation-model/${c.modelId}`;
  const created = org.now.getTime() - c.createdDaysAgo * DAY_MS;
  return [
    {
      provisionedModelName: c.name,
      provisionedModelArn: org.committedPtArn,
      modelArn: fm,
      desiredModelArn: fm,
      foundationModelArn: fm,
      modelUnits: c.modelUnits,
      desiredModelUnits: c.modelUnits,
      status: "InService",
      commitmentDuration: c.commitment,
      commitmentExpirationTime: iso(created + c.commitmentDays * DAY_MS),
      creationTime: iso(created),
      lastModifiedTime: iso(created),
    },
  ];
}

function idlePt(org: SandboxOrg, account: string, region: string): Record<string, unknown>[] {
  const p = DEMO_PROVISIONED;
  if (account !== p.account || region !== p.region) return [];
  const fm = `arn:aws:bedrock:${region}::foundation-model/${p.modelId}`;
  const created = org.now.getTime() - 40 * DAY_MS;
  return [
    {
      provisionedModelName: p.name,
      provisionedModelArn: org.provisionedArn,
      modelArn: fm,
      desiredModelArn: fm,
      foundationModelArn: fm,
      modelUnits: p.modelUnits,
      desiredModelUnits: p.modelUnits,
      status: "InService",
      ...(p.commitment
        ? { commitmentDuration: p.commitment, commitmentExpirationTime: iso(created + 30 * DAY_MS) }
        : {}),
      creationTime: iso(created),
      lastModifiedTime: iso(created),
    },
  ];
}

/** System-defined profiles for every profile id the org calls, plus one tagged application profile. */
export function inferenceProfiles(
  org: SandboxOrg,
  account: string,
  region: string,
): Record<string, unknown>[] {
  const created = iso(org.now.getTime() - 200 * DAY_MS);
  const out: Record<string, unknown>[] = [];
  for (const { modelId, model } of org.modelIds(account, region)) {
    if (!model || modelId === model.modelId) continue;
    const [scope] = modelId.split(".");
    out.push({
      inferenceProfileName: `${scope.toUpperCase()} ${model.model}`,
      description: `Routes requests to ${model.model} ${scope === "global" ? "in any commercial region" : `in ${scope} regions`}.`,
      createdAt: created,
      updatedAt: created,
      inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:inference-profile/${modelId}`,
      models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}` }],
      inferenceProfileId: modelId,
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
    });
  }
  const tags = DEMO_RESOURCE_TAGS[account];
  if (tags) {
    const id = stableHex(`aip/${account}/${region}`, 12, org.seed);
    const target = out.find((p) => String(p.inferenceProfileId).includes("claude-sonnet-4-6"));
    out.push({
      inferenceProfileName: `${tags.app}-${region}`,
      description: `Application profile of team ${tags.team}`,
      createdAt: created,
      updatedAt: created,
      inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:application-inference-profile/${id}`,
      models: (target?.models as unknown[]) ?? [],
      inferenceProfileId: id,
      status: "ACTIVE",
      type: "APPLICATION",
    });
  }
  return out;
}

/** Tags of a resource ARN: only application inference profiles carry tags in this org. */
export function resourceTags(org: SandboxOrg, account: string, region: string, arn: string) {
  const profile = inferenceProfiles(org, account, region).find((p) => p.inferenceProfileArn === arn);
  if (!profile) return null;
  if (profile.type !== "APPLICATION") return [];
  return Object.entries(DEMO_RESOURCE_TAGS[account] ?? {}).map(([key, value]) => ({ key, value }));
}
