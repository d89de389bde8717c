import {
  type BedrockClient,
  GetModelInvocationLoggingConfigurationCommand,
  GetProvisionedModelThroughputCommand,
  ListFoundationModelsCommand,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
  paginateListProvisionedModelThroughputs,
} from "@aws-sdk/client-bedrock";
import type { Db } from "../../store/db.js";
import {
  type InventorySnapshot,
  replaceAccountInventory,
  upsertFoundationModels,
} from "../../store/queries/inventory.js";
import type { UnitResult } from "../types.js";
import {
  foundationModelsSchema,
  inferenceProfilePageSchema,
  loggingConfigSchema,
  provisionedPageSchema,
  provisionedSchema,
  tagsSchema,
} from "./schemas.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const bit = (b: boolean | undefined) => (b ? 1 : 0);

export interface InventoryOptions {
  account: string;
  region: string;
  now: Date;
}

/** One account × region of the Bedrock control plane: models, PT, profiles + tags, logging config. */
export async function collectInventory(
  db: Db,
  bedrock: BedrockClient,
  opts: InventoryOptions,
): Promise<UnitResult> {
  const at = opts.now.toISOString();
  const { account, region } = opts;
  let apiCalls = 0;
  const send: BedrockClient["send"] = (cmd: never) => {
    apiCalls++;
    return bedrock.send(cmd);
  };

  // ListFoundationModels is not paginated.
  const fm = foundationModelsSchema.parse(await send(new ListFoundationModelsCommand({})));
  const models = fm.modelSummaries.map((m) => ({
    region,
    model_id: m.modelId,
    model_name: m.modelName ?? m.modelId,
    provider: m.providerName ?? null,
    status: m.modelLifecycle?.status ?? "ACTIVE",
    legacy_time: iso(m.modelLifecycle?.legacyTime),
    public_extended_access_time: iso(m.modelLifecycle?.publicExtendedAccessTime),
    end_of_life_time: iso(m.modelLifecycle?.endOfLifeTime),
    start_of_life_time: iso(m.modelLifecycle?.startOfLifeTime),
    inference_types: JSON.stringify(m.inferenceTypesSupported),
    fetched_at: at,
  }));

  const snap: InventorySnapshot = { provisioned: [], profiles: [], logging: null };
  for await (const raw of paginateListProvisionedModelThroughputs({ client: bedrock }, {})) {
    apiCalls++;
    for (const s of provisionedPageSchema.parse(raw).provisionedModelSummaries) {
      // Get adds fields the summary may lack (foundationModelArn on older responses).
      const d = provisionedSchema.parse(
        await send(new GetProvisionedModelThroughputCommand({ provisionedModelId: s.provisionedModelArn })),
      );
      snap.provisioned.push({
        arn: s.provisionedModelArn,
        account,
        region,
        name: d.provisionedModelName ?? s.provisionedModelName ?? s.provisionedModelArn,
        model_arn: d.modelArn ?? s.modelArn ?? null,
        foundation_model_arn: d.foundationModelArn ?? s.foundationModelArn ?? null,
        model_units: d.modelUnits ?? s.modelUnits ?? null,
        desired_model_units: d.desiredModelUnits ?? s.desiredModelUnits ?? null,
        status: d.status ?? s.status ?? "Unknown",
        commitment_duration: d.commitmentDuration ?? s.commitmentDuration ?? null,
        commitment_expiration_time: iso(d.commitmentExpirationTime ?? s.commitmentExpirationTime),
        creation_time: iso(d.creationTime ?? s.creationTime),
        fetched_at: at,
      });
    }
  }

  for await (const raw of paginateListInferenceProfiles({ client: bedrock }, { typeEquals: "APPLICATION" })) {
    apiCalls++;
    for (const p of inferenceProfilePageSchema.parse(raw).inferenceProfileSummaries) {
      // Tags are not in the listing; only application profiles are taggable.
      const t = tagsSchema.parse(
        await send(new ListTagsForResourceCommand({ resourceARN: p.inferenceProfileArn })),
      );
      snap.profiles.push({
        arn: p.inferenceProfileArn,
        account,
        region,
        id: p.inferenceProfileId,
        name: p.inferenceProfileName ?? p.inferenceProfileId,
        type: p.type ?? "APPLICATION",
        models: JSON.stringify(p.models.map((m) => m.modelArn).filter(Boolean)),
        tags: JSON.stringify(Object.fromEntries(t.tags.map((x) => [x.key, x.value]))),
        fetched_at: at,
      });
    }
  }

  const lc = loggingConfigSchema.parse(await send(new GetModelInvocationLoggingConfigurationCommand({})));
  const c = lc.loggingConfig;
  snap.logging = {
    account,
    region,
    enabled: c && (c.s3Config?.bucketName || c.cloudWatchConfig?.logGroupName) ? 1 : 0,
    s3_bucket: c?.s3Config?.bucketName ?? null,
    s3_prefix: c?.s3Config?.keyPrefix ?? null,
    log_group: c?.cloudWatchConfig?.logGroupName ?? null,
    text_delivery: bit(c?.textDataDeliveryEnabled),
    image_delivery: bit(c?.imageDataDeliveryEnabled),
    embedding_delivery: bit(c?.embeddingDataDeliveryEnabled),
    video_delivery: bit(c?.videoDataDeliveryEnabled),
    audio_delivery: bit(c?.audioDataDeliveryEnabled),
    fetched_at: at,
  };

  await db.transaction().execute(async (trx) => {
    await upsertFoundationModels(trx, models);
    await replaceAccountInventory(trx, account, region, snap);
  });
  return {
    items: models.length + snap.provisioned.length + snap.profiles.length + 1,
    apiCalls,
    metricsRequested: 0,
  };
}
