import type { AccountConfig } from "../config.js";

/**
 * The region used when nothing names one: the SDK's own variables, then us-east-1 (where the
 * Pricing API, IAM signing and the CUR's Data Exports live). The ONE fallback of the codebase.
 */
export function defaultRegion(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/** An account's home region (its first configured one), for account-level calls such as S3 and STS. */
export function homeRegion(account: AccountConfig | null | undefined, env: NodeJS.ProcessEnv): string {
  return account?.regions[0] ?? defaultRegion(env);
}
