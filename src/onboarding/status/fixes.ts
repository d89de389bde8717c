import type { LoggingFacts } from "./types.js";

/** Fix texts: each names the exact action, console path or command. */

export const FIX = {
  assume: (roleArn: string | undefined, accountId: string) =>
    `check the trust policy of ${roleArn ?? "the role"} in account ${accountId}: it must trust the identity bedrock-spend runs as and require sts:ExternalId equal to accounts[].externalId in the config; redeploy with \`bedrock-spend cfn-template --external-id <id> --trusted-principal <arn>\` if in doubt`,
  cloudwatchDenied: (roleArn: string | null) =>
    `allow cloudwatch:ListMetrics and cloudwatch:GetMetricData (the two calls metrics collection sends) on ${roleArn ?? "the role"}: redeploy its ReadPolicy from \`bedrock-spend cfn-template\`, then re-run \`bedrock-spend doctor\``,
  noMetrics: (region: string) =>
    `CloudWatch publishes AWS/Bedrock metrics in the region the caller sends requests to (the source region for cross-region inference): check that applications call Bedrock in ${region}, or remove ${region} from the config`,
  zeroTokens: (region: string) =>
    `metrics show zero tokens: run \`bedrock-spend collect --source metrics --since <day>\`; if they stay zero, compare CloudWatch → Metrics → AWS/Bedrock → By ModelId in ${region} (statistic Sum, not Average) and check that callers use this account and region`,
  partialModels: (region: string) =>
    `partial model data: models billed in the CUR have no CloudWatch tokens in ${region}; cross-region inference is reported under the profile id (us./eu./global.) in the source region, batch jobs publish no invocation metrics; run \`bedrock-spend collect --source inventory,metrics\` so ModelIds map to models`,
  unconfiguredRegion: (region: string, index: number) =>
    `add ${region} to accounts[${index}].regions in the config (the CUR bills Bedrock there), then run \`bedrock-spend collect\``,
  loggingOff: (region: string) =>
    `optional, for near-real-time "who": Bedrock console (${region}) → Settings → Model invocation logging → enable S3 or CloudWatch Logs delivery with only metadata (leave text, image and embedding delivery off), then add invocationLogs to the account in the config`,
  logsUnreadable: (where: string) =>
    `logs enabled but unreadable: grant the role read access to ${where} (\`bedrock-spend cfn-template --logs-bucket <bucket>\` or \`--log-group-arn <arn>\`); for S3 also check the bucket policy and, with SSE-KMS, kms:Decrypt in the key policy`,
  logsNotConfigured: (where: string, index: number) =>
    `invocation logs are delivered to ${where} but bedrock-spend does not read them: add invocationLogs (${where.startsWith("s3://") ? "s3: { bucket, prefix }" : "logGroup"}) to accounts[${index}] in the config`,
  noCurConfigured:
    "create a CUR 2.0 export: Billing and Cost Management console → Data Exports → Create → Standard data export (CUR 2.0), Parquet, with 'Include caller identity (IAM principal) allocation data'; then set cur.source: s3://<bucket>/<prefix>/<export-name> in the config",
  noCurData: (source: string) =>
    `no CUR data yet: a new export delivers its first files within 24 hours; check Billing and Cost Management → Data Exports shows the export as Healthy and that cur.source (${source}) is the folder holding data/ and metadata/`,
  curStale: (source: string) =>
    `the export has not refreshed for over 48 hours: check its status in Billing and Cost Management → Data Exports and that the bucket policy of ${source} still lets bcm-data-exports.amazonaws.com write; then run \`bedrock-spend collect --source cur\``,
  curDenied: (source: string) =>
    `grant the reading role s3:ListBucket and s3:GetObject on ${source} (\`bedrock-spend cfn-template --cur-bucket <bucket>\`); a bucket in another account (the payer) also needs a bucket policy allowing that role`,
  notIngested: "run `bedrock-spend collect --source cur` (or `bedrock-spend ingest-cur <source>`)",
  iamPrincipal:
    "Billing and Cost Management → Data Exports → edit the export → Additional export content → enable 'Include caller identity (IAM principal) allocation data' (INCLUDE_IAM_PRINCIPAL_DATA); it applies to data delivered afterwards",
  tags: (keys: string[]) =>
    `cost-allocation tags not appearing${keys.length ? ` (${keys.join(", ")})` : ""}: activate them in Billing and Cost Management → Cost allocation tags (user-defined → Activate); activation takes up to 24 hours and only tags usage after it; tag the application inference profiles or provisioned models callers use, since on-demand foundation models cannot carry tags`,
  neverCollected:
    "run `bedrock-spend collect` once, then keep `bedrock-spend serve` running for the schedule",
};

/**
 * The exact command that turns off prompt/response delivery while keeping every destination as
 * it is (https://docs.aws.amazon.com/cli/latest/reference/bedrock/put-model-invocation-logging-configuration.html).
 */
export function contentLoggingFix(region: string, c: LoggingFacts): string {
  const cfg: Record<string, unknown> = {};
  if (c.s3) cfg.s3Config = { bucketName: c.s3.bucket, keyPrefix: c.s3.prefix };
  if (c.logGroup) cfg.cloudWatchConfig = { logGroupName: c.logGroup, roleArn: c.logRoleArn };
  cfg.textDataDeliveryEnabled = false;
  cfg.imageDataDeliveryEnabled = false;
  cfg.embeddingDataDeliveryEnabled = false;
  if (c.video !== undefined) cfg.videoDataDeliveryEnabled = false;
  return `aws bedrock put-model-invocation-logging-configuration --region ${region} --logging-config '${JSON.stringify(cfg)}'`;
}
