/**
 * Table-shaped facts the store reads and the pure analysis consumes: the contract between
 * `store/` (which returns them) and `analyze/` (which never imports the store).
 */

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** CloudWatch tokens of one raw ModelId in one account/region on one day (the TOTAL). */
export interface MetricDay extends TokenCounts {
  day: string;
  account: string;
  region: string;
  modelId: string;
}

/** Invocation-log tokens of one principal × requestMetadata on one day (a SPLIT of the total). */
export interface LogDay extends TokenCounts {
  day: string;
  account: string;
  region: string;
  modelId: string;
  principal: string | null;
  /** Caller-supplied requestMetadata pairs (already parsed). */
  requestMetadata: Record<string, string>;
}

/** A provisioned throughput and the hourly rate the CUR last billed for it. */
export interface ProvisionedCharge {
  arn: string;
  account: string;
  region: string;
  model: string;
  modelId: string | null;
  modelUnits: number;
  /** ISO instant; hours before it are not charged. Null = existed before the window. */
  createdAt: string | null;
  /** USD per model-unit-hour from the last CUR line of this PT; null = never billed yet (unknown). */
  usdPerUnitHour: number | null;
}

/** Tokens of one raw ModelId in one account/region in one hour; principal from invocation logs. */
export interface TokenHour extends TokenCounts {
  hour: string;
  account: string;
  region: string;
  modelId: string;
  /** From invocation logs; absent for CloudWatch rows. */
  principal?: string | null;
}

/** One cost line of either side, at the grain the cause rules need. */
export interface CostLine {
  day: string;
  model: string;
  account: string;
  region: string | null;
  pricingModel: string;
  tokenType: string;
  /** Null = estimated tokens without a known price. */
  costUsd: number | null;
  tokens: number;
}

export interface DriftRow {
  day: string;
  model: string;
  billedUsd: number;
  /** Null when nothing of the model was estimated that day. */
  estimatedUsd: number | null;
  /** (estimated − billed) / billed × 100; null when billed is 0 but something was estimated. */
  driftPct: number | null;
  flagged: boolean;
  likelyCause: LikelyCause | null;
  causeDetail: string | null;
}

export interface PtFacts {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  model: string;
  modelUnits: number;
  /** OneMonth | SixMonths | null (no commitment). */
  commitment: string | null;
  commitmentExpiresAt: string | null;
  createdAt: string | null;
  /** Hours (of the lookback) with ≥ 1 invocation, and the invocations. */
  activeHours: number;
  invocations: number;
  /** USD per model-unit-hour the CUR last billed; null = not billed yet. */
  usdPerUnitHour: number | null;
}

/** One ListFoundationModels entry (one region) with its canonical model name. */
export interface ModelLifecycleFacts {
  model: string;
  modelId: string;
  status: string;
  legacyTime: string | null;
  publicExtendedAccessTime: string | null;
  endOfLifeTime: string | null;
}

export interface ModelSpend {
  model: string;
  spendUsd: number;
  accounts: string[];
  principals: string[];
}

export interface UsageSqlRow {
  account: string;
  region: string;
  model_id: string;
  /** Day or hour bucket, or "" when not grouped by time. */
  bucket: string;
  invocations: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  throttles: number;
  errors: number;
  /** Σ latency × invocations and Σ invocations over hours that carried a latency. */
  latency_weighted: number;
  latency_invocations: number;
}

export const LIKELY_CAUSES = [
  "missing_price",
  "provisioned_usage",
  "region_not_collected",
  "cache_tokens_missing",
  "batch_not_in_metrics",
  "unexplained",
] as const;

export type LikelyCause = (typeof LIKELY_CAUSES)[number];

/** The hours of CloudWatch token metrics the store holds for one account/region (within a range). */
export interface MetricSpan {
  account: string;
  region: string;
  /** `YYYY-MM-DDTHH:00Z`, both inclusive. */
  firstHour: string;
  lastHour: string;
}

/** The last complete hour the metrics collector read for one account/region. */
export interface MetricWatermark {
  account: string;
  region: string;
  lastHour: string;
}

/** A collection unit (source × account × region) whose newest run failed, and since when. */
export interface FailingUnit {
  source: "cur" | "metrics" | "inventory" | "logs";
  account: string | null;
  region: string | null;
  /** AWS error name (`AccessDenied`, `ThrottlingException`, …). */
  errorName: string | null;
  error: string | null;
  fix: string | null;
  /** ISO instant the first run of the current failing streak started. */
  since: string;
  /** Failed runs in a row, the newest included. */
  failures: number;
}
