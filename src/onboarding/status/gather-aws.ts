import { GetModelInvocationLoggingConfigurationCommand } from "@aws-sdk/client-bedrock";
import { GetMetricDataCommand, ListMetricsCommand, type Metric } from "@aws-sdk/client-cloudwatch";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { AwsClients } from "../../aws/access.js";
import { describeAwsError } from "../../aws/errors.js";
import { logsBase } from "../../collect/logs/s3-logs.js";
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

/**
 * Reads the logs the way the collector does (collect/unit.ts, collect/logs/): with an S3
 * destination, ListObjectsV2 under the region's AWSLogs prefix and a GetObject of the first object
 * (one byte: GetObject, unlike HeadObject, also needs kms:Decrypt on an SSE-KMS bucket); a log
 * group only without S3, with FilterLogEvents.
 */
async function readLogs(
  clients: AwsClients,
  c: LoggingFacts,
  ctx: Ctx,
  now: Date,
): Promise<RegionFacts["logsRead"]> {
  if (c.s3) {
    const { bucket } = c.s3;
    const prefix = logsBase(c.s3.prefix, ctx.account, clients.region);
    const where = `s3://${bucket}/${c.s3.prefix}`;
    const listed = await attempt("s3:ListObjectsV2", ctx, () =>
      clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 })),
    );
    if (!listed.ok) return listed;
    const key = listed.value.Contents?.[0]?.Key;
    if (key) {
      const got = await attempt("s3:GetObject", ctx, () =>
        clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: "bytes=0-0" })),
      );
      if (!got.ok) return got;
    }
    return { ok: true, where };
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

export type LiveRegionFacts = Pick<RegionFacts, "region" | "metrics" | "metricData" | "logging" | "logsRead">;

/**
 * GetMetricData as metrics collection sends it (one ModelId metric, hourly Sum over the last
 * hours): ListMetrics alone does not prove the role can read the values.
 */
async function readMetricData(clients: AwsClients, ctx: Ctx, now: Date, listed: Metric[]) {
  const withModel = listed.find((m) => m.Dimensions?.some((d) => d.Name === "ModelId"));
  const metric = withModel ?? { Namespace: "AWS/Bedrock", MetricName: "Invocations" };
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  return attempt("cloudwatch:GetMetricData", ctx, () =>
    clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(hour - 3 * 3_600_000),
        EndTime: new Date(hour),
        MetricDataQueries: [
          {
            Id: "doctor",
            MetricStat: {
              Metric: {
                Namespace: "AWS/Bedrock",
                MetricName: metric.MetricName,
                Dimensions: metric.Dimensions,
              },
              Period: 3600,
              Stat: "Sum",
            },
          },
        ],
      }),
    ),
  );
}

/** The live half of a region's facts: metrics present and readable, logging configuration, logs readable. */
export async function liveRegionFacts(clients: AwsClients, ctx: Ctx, now: Date): Promise<LiveRegionFacts> {
  const metrics = await attempt("cloudwatch:ListMetrics", ctx, () =>
    clients.cloudwatch.send(new ListMetricsCommand({ Namespace: "AWS/Bedrock" })),
  );
  const metricData = metrics.ok ? await readMetricData(clients, ctx, now, metrics.value.Metrics ?? []) : null;
  const logging = await attempt("bedrock:GetModelInvocationLoggingConfiguration", ctx, async () =>
    toLogging(await clients.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}))),
  );
  const config = logging.ok ? logging.value : null;
  return {
    region: clients.region,
    metrics: metrics.ok ? { ok: true, count: metrics.value.Metrics?.length ?? 0 } : metrics,
    metricData: metricData && (metricData.ok ? { ok: true } : metricData),
    logging: logging.ok ? { ok: true, config } : logging,
    logsRead: config ? await readLogs(clients, config, ctx, now) : null,
  };
}
