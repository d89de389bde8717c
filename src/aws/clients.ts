import { BedrockClient } from "@aws-sdk/client-bedrock";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { PricingClient } from "@aws-sdk/client-pricing";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { createLogger, type Logger } from "../util/log.js";
import { callMetricsPlugin } from "./call-metrics.js";
import { configuredEndpoint, needsPathStyle, type ServiceKey } from "./endpoints.js";
import { replaceSdkNodeWarning } from "./node-runtime.js";
import { readOnlyPlugin } from "./read-only.js";

/** Bounded standard retries: throttling (Throttling, ThrottlingException, SlowDown, 429) backs off. */
export const MAX_ATTEMPTS = 5;

export interface ClientOptions {
  env: NodeJS.ProcessEnv;
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number;
  /** Where the Node-version line goes (default: stderr at BEDROCK_SPEND_LOG level). */
  log?: Logger;
}

export interface ClientMap {
  sts: STSClient;
  cloudwatch: CloudWatchClient;
  bedrock: BedrockClient;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  iam: IAMClient;
  pricing: PricingClient;
}

/**
 * The pricing API is served from us-east-1 (also ap-south-1/eu-central-1) and IAM is a global
 * service signed for us-east-1, whatever the account's regions are.
 * https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html
 */
const FIXED_REGION: Partial<Record<ServiceKey, string>> = { iam: "us-east-1", pricing: "us-east-1" };

type Ctor<K extends ServiceKey> = new (config: Record<string, unknown>) => ClientMap[K];
const CTORS: { [K in ServiceKey]: Ctor<K> } = {
  sts: STSClient,
  cloudwatch: CloudWatchClient,
  bedrock: BedrockClient,
  logs: CloudWatchLogsClient,
  s3: S3Client,
  iam: IAMClient,
  pricing: PricingClient,
};

/** Builds one client with the house settings and the read-only guard. The ONLY `new XClient`. */
export function buildClient<K extends ServiceKey>(service: K, opts: ClientOptions): ClientMap[K] {
  const endpoint = configuredEndpoint(opts.env, service);
  const config: Record<string, unknown> = {
    region: FIXED_REGION[service] ?? opts.region,
    retryMode: "standard",
    maxAttempts: opts.maxAttempts ?? MAX_ATTEMPTS,
  };
  if (opts.credentials) config.credentials = opts.credentials;
  if (endpoint) config.endpoint = endpoint;
  if (service === "s3" && needsPathStyle(endpoint)) config.forcePathStyle = true;
  replaceSdkNodeWarning(opts.log ?? createLogger());
  const client = new CTORS[service](config);
  client.middlewareStack.use(readOnlyPlugin);
  client.middlewareStack.use(callMetricsPlugin(service));
  return client;
}
