import { isIP } from "node:net";

/** The SDK service ids, whose upper-cased words name AWS_ENDPOINT_URL_<SERVICE>. */
export const SERVICE_IDS = {
  sts: "STS",
  cloudwatch: "CloudWatch",
  bedrock: "Bedrock",
  logs: "CloudWatch Logs",
  s3: "S3",
  iam: "IAM",
  pricing: "Pricing",
} as const;

export type ServiceKey = keyof typeof SERVICE_IDS;

/**
 * The endpoint the SDK would pick from the environment, resolved from an INJECTED env so tests and
 * embedders need not mutate process.env. Same precedence as the SDK's own rule
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): the service-specific
 * variable, then AWS_ENDPOINT_URL; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true disables both.
 * Undefined means "let the SDK resolve it" (shared config file, then the AWS default).
 */
export function configuredEndpoint(env: NodeJS.ProcessEnv, service: ServiceKey): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? "").toLowerCase() === "true") return undefined;
  const suffix = SERVICE_IDS[service].split(" ").map((w) => w.toUpperCase());
  return env[["AWS_ENDPOINT_URL", ...suffix].join("_")] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * Virtual-hosted S3 addressing (`bucket.host`) cannot work against an IP address or localhost,
 * so such endpoints need path-style requests.
 */
export function needsPathStyle(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
    return isIP(host) !== 0 || host === "localhost";
  } catch {
    return false;
  }
}
