import { GetModelInvocationLoggingConfigurationCommand } from "@aws-sdk/client-bedrock";
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { AwsClients } from "../../aws/access.js";
import { describeAwsError } from "../../aws/errors.js";
import type { LoggingFacts, RegionFacts } from "./types.js";

const flag = z.boolean().optional().nullable();
const loggingSchema = z.object({
  loggingConfig: z
    .object({
      s3Config: z
        .object({ bucketName: z.string().optional(), keyPrefix: z.string().optional() })
        .optional()
        .nullable(),
      cloudWatchConfig: z
        .object({ logGroupName: z.string().optional(), roleArn: z.string().optional() })
        .optional()
        .nullable(),
      textDataDeliveryEnabled: flag,
      imageDataDeliveryEnabled: flag,
      embeddingDataDeliveryEnabled: flag,
      videoDataDeliveryEnabled: flag,
    })
    .optional()
    .nullable(),
});

type Ctx = { account: string; roleArn?: string | null };

async function attempt<T>(action: string, ctx: Ctx, fn: () => Promise<T>) {
  try {
    return { ok: true as const, value: await fn() };
  } catch (err) {
    return { ok: false as const, error: describeAwsError(err, { action, ...ctx }) };
  }
}

/** Logging off: AWS returns no loggingConfig (or one with no destination). */
function toLogging(raw: unknown): LoggingFacts | null {
  const c = loggingSchema.parse(raw).loggingConfig;
  const bucket = c?.s3Config?.bucketName;
  const group = c?.cloudWatchConfig?.logGroupName;
  if (!c || (!bucket && !group)) return null;
  return {
    s3: bucket ? { bucket, prefix: c.s3Config?.keyPrefix ?? "" } : undefined,
    logGroup: group,
    logRoleArn: c.cloudWatchConfig?.roleArn,
    text: Boolean(c.textDataDeliveryEnabled),
    image: Boolean(c.imageDataDeliveryEnabled),
    embedding: Boolean(c.embeddingDataDeliveryEnabled),
    video: c.videoDataDeliveryEnabled ?? undefined,
  };
}

/** Reads one object's metadata (S3) or one event (Logs): enough to prove the logs are readable. */
async function readLogs(
  clients: AwsClients,
  c: LoggingFacts,
  ctx: Ctx,
  now: Date,
): Promise<RegionFacts["logsRead"]> {
  if (c.s3) {
    const { bucket, prefix } = c.s3;
    const where = `s3://${bucket}/${prefix}`;
    const listed = await attempt("s3:ListObjectsV2", ctx, () =>
      clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 })),
    );
    if (!listed.ok) return listed;
    const key = listed.value.Contents?.[0]?.Key;
    if (key) {
      const head = await attempt("s3:HeadObject", ctx, () =>
        clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
      );
      if (!head.ok) return head;
    }
    if (!c.logGroup) return { ok: true, where };
  }
  const group = c.logGroup as string;
  const read = await attempt("logs:FilterLogEvents", ctx, () =>
    clients.logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        startTime: now.getTime() - 3_600_000,
        endTime: now.getTime(),
        limit: 1,
      }),
    ),
  );
  return read.ok ? { ok: true, where: `log group ${group}` } : read;
}

export type LiveRegionFacts = Pick<RegionFacts, "region" | "metrics" | "logging" | "logsRead">;

/** The live half of a region's facts: metrics present, logging configuration, logs readable. */
export async function liveRegionFacts(clients: AwsClients, ctx: Ctx, now: Date): Promise<LiveRegionFacts> {
  const metrics = await attempt("cloudwatch:ListMetrics", ctx, () =>
    clients.cloudwatch.send(new ListMetricsCommand({ Namespace: "AWS/Bedrock" })),
  );
  const logging = await attempt("bedrock:GetModelInvocationLoggingConfiguration", ctx, async () =>
    toLogging(await clients.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}))),
  );
  const config = logging.ok ? logging.value : null;
  return {
    region: clients.region,
    metrics: metrics.ok ? { ok: true, count: metrics.value.Metrics?.length ?? 0 } : metrics,
    logging: logging.ok ? { ok: true, config } : logging,
    logsRead: config ? await readLogs(clients, config, ctx, now) : null,
  };
}
