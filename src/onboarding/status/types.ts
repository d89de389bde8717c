import type { AwsErrorDescription } from "../../aws/errors.js";
import type { AccountConfig } from "../../config.js";
import type { AccountPermissions } from "../permissions/types.js";

export const STEP_IDS = [
  "role_assumable",
  "permissions",
  "cur_export",
  "cur_iam_principal",
  "cur_tags",
  "cloudwatch_metrics",
  "invocation_logging",
  "content_logging",
  "collection_fresh",
] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = "ok" | "warning" | "missing" | "error";

export interface Step {
  id: StepId;
  region?: string;
  status: StepStatus;
  detail: string;
  /** The exact action, console path or command that fixes it; null when ok. */
  fix: string | null;
}

/** What AWS says about invocation logging in one region (GetModelInvocationLoggingConfiguration). */
export interface LoggingFacts {
  s3?: { bucket: string; prefix: string };
  logGroup?: string;
  /** cloudWatchConfig.roleArn: kept so the content-logging fix can restate the config exactly. */
  logRoleArn?: string;
  text: boolean;
  image: boolean;
  embedding: boolean;
  video?: boolean;
}

type Outcome<T> = ({ ok: true } & T) | { ok: false; error: AwsErrorDescription };

export interface RegionFacts {
  region: string;
  /** ListMetrics in AWS/Bedrock (one page). */
  metrics: Outcome<{ count: number }>;
  /** GetMetricData on one listed metric, as collection sends it; null when ListMetrics failed. */
  metricData: Outcome<object> | null;
  /** The newest metrics collection of this account/region (store); null when never collected. */
  metricsRun: RunFacts | null;
  logging: Outcome<{ config: LoggingFacts | null }>;
  /** A one-item read of the discovered log destination; null when there is none to read. */
  logsRead: Outcome<{ where: string }> | null;
  /** Billed CUR cost and token-billed models in the last 30 days (store). */
  spendUsd: number;
  billedModels: string[];
  /** CloudWatch tokens and models with tokens in the last 30 days (store); ok metric units collected. */
  metricTokens: number;
  metricModels: string[];
  metricsCollected: boolean;
}

export interface CurFacts {
  source: string | null;
  listing: Outcome<{ dataFiles: number; newestAt: string | null }> | null;
  /** Newest ingested period (store). */
  period: { period: string; hasIamPrincipal: boolean; refreshedAt: string | null } | null;
  /** Share (0-1) of last-30-day Bedrock cost carrying a tag; null when nothing is billed. */
  taggedShare: number | null;
  /** Tag keys budgets scope on that no billed row carries. */
  missingBudgetTags: string[];
}

export interface RunFacts {
  source: string;
  region: string | null;
  status: "ok" | "failed" | "skipped" | "never";
  lastOkAt: string | null;
  errorName: string | null;
  error: string | null;
  fix: string | null;
}

export interface AccountFacts {
  account: AccountConfig;
  /** Position in config.accounts (fixes name `accounts[i]`). */
  index: number;
  assumeError: AwsErrorDescription | null;
  permissions: AccountPermissions | null;
  regions: RegionFacts[];
  /** Regions billed in the CUR for this account that the config does not list. */
  unconfiguredRegions: { region: string; costUsd: number }[];
  runs: RunFacts[];
  /** Present on the account whose identity reads the CUR. */
  cur: CurFacts | null;
}
