import {
  GetFoundationModelCommand,
  GetModelInvocationLoggingConfigurationCommand,
  GetProvisionedModelThroughputCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ListProvisionedModelThroughputsCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-bedrock";
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
} from "@aws-sdk/client-cloudwatch";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetBucketLocationCommand, HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { AwsClients } from "../../aws/access.js";
import type { Decision, NeededAction } from "./types.js";

/** A harmless target that does not exist: authorization is evaluated before the lookup. */
const PROBE_ID = "bedrock-spend-permission-probe";

interface ProbeContext {
  clients: AwsClients;
  accountId: string;
  now: Date;
  need: NeededAction;
}

const since = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
const metric = { Namespace: "AWS/Bedrock", MetricName: "Invocations" };

function probeKey(need: NeededAction): string {
  const prefix = need.target?.prefix ?? "";
  return `${prefix}${prefix && !prefix.endsWith("/") ? "/" : ""}${PROBE_ID}`;
}

/**
 * One harmless read per action: small pages, one-metric five-minute windows, HeadObject on a key
 * that does not exist. Only read actions have probes; write and invoke actions are never probed.
 */
const PROBES: Record<string, (c: ProbeContext) => Promise<unknown>> = {
  "bedrock:ListFoundationModels": (c) =>
    c.clients.bedrock.send(new ListFoundationModelsCommand({ byOutputModality: "TEXT" })),
  "bedrock:ListProvisionedModelThroughputs": (c) =>
    c.clients.bedrock.send(new ListProvisionedModelThroughputsCommand({ maxResults: 1 })),
  "bedrock:ListInferenceProfiles": (c) =>
    c.clients.bedrock.send(new ListInferenceProfilesCommand({ maxResults: 1 })),
  "bedrock:ListTagsForResource": (c) =>
    c.clients.bedrock.send(
      new ListTagsForResourceCommand({
        resourceARN: `arn:aws:bedrock:${c.clients.region}:${c.accountId}:application-inference-profile/${PROBE_ID}`,
      }),
    ),
  "bedrock:GetFoundationModel": (c) =>
    c.clients.bedrock.send(new GetFoundationModelCommand({ modelIdentifier: `amazon.${PROBE_ID}` })),
  "bedrock:GetProvisionedModelThroughput": (c) =>
    c.clients.bedrock.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: PROBE_ID })),
  "bedrock:GetModelInvocationLoggingConfiguration": (c) =>
    c.clients.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({})),
  "cloudwatch:ListMetrics": (c) =>
    c.clients.cloudwatch.send(
      new ListMetricsCommand({ Namespace: metric.Namespace, MetricName: metric.MetricName }),
    ),
  "cloudwatch:GetMetricData": (c) =>
    c.clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: since(c.now, 10),
        EndTime: since(c.now, 5),
        MetricDataQueries: [{ Id: "probe", MetricStat: { Metric: metric, Period: 300, Stat: "Sum" } }],
      }),
    ),
  "cloudwatch:GetMetricStatistics": (c) =>
    c.clients.cloudwatch.send(
      new GetMetricStatisticsCommand({
        ...metric,
        StartTime: since(c.now, 10),
        EndTime: since(c.now, 5),
        Period: 300,
        Statistics: ["Sum"],
      }),
    ),
  "cloudwatch:DescribeAlarms": (c) => c.clients.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 1 })),
  "logs:FilterLogEvents": (c) =>
    c.clients.logs.send(
      new FilterLogEventsCommand({
        logGroupName: c.need.target?.logGroup,
        startTime: since(c.now, 5).getTime(),
        endTime: c.now.getTime(),
        limit: 1,
      }),
    ),
  "s3:ListBucket": (c) =>
    c.clients.s3.send(
      new ListObjectsV2Command({ Bucket: c.need.target?.bucket, Prefix: c.need.target?.prefix, MaxKeys: 1 }),
    ),
  "s3:GetObject": (c) =>
    c.clients.s3.send(new HeadObjectCommand({ Bucket: c.need.target?.bucket, Key: probeKey(c.need) })),
  "s3:GetBucketLocation": (c) =>
    c.clients.s3.send(new GetBucketLocationCommand({ Bucket: c.need.target?.bucket })),
};

const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "UnauthorizedException",
  "Forbidden",
]);
/** Errors that come after authorization: the caller was allowed, the target just does not exist. */
const PASSED_AUTH = new Set([
  "ResourceNotFoundException",
  "ResourceNotFound",
  "NotFound",
  "NoSuchKey",
  "NoSuchEntity",
]);

export function hasProbe(action: string): boolean {
  return action in PROBES;
}

/** Runs the action's probe: allowed, denied, or unknown (throttled, unreachable, ambiguous). */
export async function probe(c: ProbeContext): Promise<{ decision: Decision; detail: string | null }> {
  const run = PROBES[c.need.action];
  if (!run) return { decision: "unknown", detail: "no harmless probe exists for this action" };
  try {
    await run(c);
    return { decision: "allowed", detail: null };
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    const name = e.name ?? "Error";
    // S3 HEAD responses have no body: a 403 arrives as name "Forbidden" or a bare status.
    if (DENIED.has(name) || (c.need.action.startsWith("s3:") && e.$metadata?.httpStatusCode === 403))
      return { decision: "denied", detail: `probe answered ${name}` };
    if (name === "NoSuchBucket") return { decision: "unknown", detail: "the bucket does not exist" };
    if (PASSED_AUTH.has(name) || e.$metadata?.httpStatusCode === 404)
      return { decision: "allowed", detail: `probe passed authorization (${name} on a probe target)` };
    return { decision: "unknown", detail: `probe failed with ${name}` };
  }
}
