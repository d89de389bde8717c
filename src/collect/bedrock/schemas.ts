import { z } from "zod";

/**
 * Bedrock control-plane responses (docs/aws-data.md §4). Enums are plain strings on purpose: real
 * responses carry values outside the SDK enums (`inferenceTypesSupported: ["INFERENCE_PROFILE"]`).
 */

const time = z.date().optional().nullable();

export const foundationModelsSchema = z.object({
  modelSummaries: z
    .array(
      z.object({
        modelId: z.string().min(1),
        modelName: z.string().optional(),
        providerName: z.string().optional(),
        inferenceTypesSupported: z.array(z.string()).optional().default([]),
        modelLifecycle: z
          .object({
            status: z.string().optional(),
            startOfLifeTime: time,
            legacyTime: time,
            publicExtendedAccessTime: time,
            endOfLifeTime: time,
          })
          .optional(),
      }),
    )
    .optional()
    .default([]),
});

export const provisionedSchema = z.object({
  provisionedModelArn: z.string().min(1),
  provisionedModelName: z.string().optional(),
  modelArn: z.string().optional(),
  foundationModelArn: z.string().optional(),
  modelUnits: z.number().int().optional(),
  desiredModelUnits: z.number().int().optional(),
  status: z.string().optional(),
  commitmentDuration: z.string().optional(),
  commitmentExpirationTime: time,
  creationTime: time,
});

export const provisionedPageSchema = z.object({
  provisionedModelSummaries: z.array(provisionedSchema).optional().default([]),
});

export const inferenceProfilePageSchema = z.object({
  inferenceProfileSummaries: z
    .array(
      z.object({
        inferenceProfileArn: z.string().min(1),
        inferenceProfileId: z.string().min(1),
        inferenceProfileName: z.string().optional(),
        type: z.string().optional(),
        models: z
          .array(z.object({ modelArn: z.string().optional() }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});

export const tagsSchema = z.object({
  tags: z
    .array(z.object({ key: z.string(), value: z.string() }))
    .optional()
    .default([]),
});

const flag = z.boolean().optional();
/** `loggingConfig` is absent when invocation logging is off. */
export const loggingConfigSchema = z.object({
  loggingConfig: z
    .object({
      s3Config: z.object({ bucketName: z.string().optional(), keyPrefix: z.string().optional() }).optional(),
      cloudWatchConfig: z.object({ logGroupName: z.string().optional() }).optional(),
      textDataDeliveryEnabled: flag,
      imageDataDeliveryEnabled: flag,
      embeddingDataDeliveryEnabled: flag,
      videoDataDeliveryEnabled: flag,
      audioDataDeliveryEnabled: flag,
    })
    .optional()
    .nullable(),
});
