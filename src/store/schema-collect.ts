import type { Generated } from "kysely";

/** Tables written by the collectors (CloudWatch, Bedrock control plane, invocation logs). */

/** One hour of CloudWatch `AWS/Bedrock` metrics for one raw `ModelId` dimension value. */
export interface MetricHourlyTable {
  account: string;
  region: string;
  /** Raw CloudWatch ModelId: base id, `us.`/`global.` profile id, provisioned-model ARN, … */
  model_id: string;
  /** `YYYY-MM-DDTHH:00Z` (UTC, start of the hour). */
  hour: string;
  invocations: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  latency_avg_ms: number | null;
  throttles: number;
  client_errors: number;
  server_errors: number;
}

export interface MetricWatermarkTable {
  account: string;
  region: string;
  /** Last complete hour collected, `YYYY-MM-DDTHH:00Z`. */
  last_hour: string;
  updated_at: string;
}

export type CollectSource = "cur" | "metrics" | "inventory" | "logs";

export interface CollectionRunTable {
  id: Generated<number>;
  /** Groups the units of one `collect` invocation. */
  run_id: string;
  source: CollectSource;
  account: string | null;
  region: string | null;
  status: "ok" | "failed" | "skipped";
  /** AWS error name (`AccessDenied`, `ThrottlingException`, …) when failed. */
  error_name: string | null;
  error: string | null;
  fix: string | null;
  items: number;
  api_calls: number;
  /** GetMetricData is billed per metric requested ($0.01 per 1,000). */
  metrics_requested: number;
  duration_ms: number;
  started_at: string;
  finished_at: string;
}

export interface FoundationModelTable {
  region: string;
  model_id: string;
  model_name: string;
  provider: string | null;
  /** ACTIVE | LEGACY | any future value AWS adds. */
  status: string;
  legacy_time: string | null;
  public_extended_access_time: string | null;
  end_of_life_time: string | null;
  start_of_life_time: string | null;
  /** JSON array of strings, unknown enum values kept (e.g. `INFERENCE_PROFILE`). */
  inference_types: string;
  fetched_at: string;
}

export interface ProvisionedThroughputTable {
  arn: string;
  account: string;
  region: string;
  name: string;
  model_arn: string | null;
  foundation_model_arn: string | null;
  model_units: number | null;
  desired_model_units: number | null;
  status: string;
  /** OneMonth | SixMonths | null (no commitment). */
  commitment_duration: string | null;
  commitment_expiration_time: string | null;
  creation_time: string | null;
  fetched_at: string;
}

export interface InferenceProfileTable {
  arn: string;
  account: string;
  region: string;
  id: string;
  name: string;
  type: string;
  /** JSON array of model ARNs. */
  models: string;
  /** JSON object key → value (application profiles only; system profiles are not taggable). */
  tags: string;
  fetched_at: string;
}

export interface LoggingConfigTable {
  account: string;
  region: string;
  enabled: number;
  s3_bucket: string | null;
  s3_prefix: string | null;
  log_group: string | null;
  text_delivery: number;
  image_delivery: number;
  embedding_delivery: number;
  video_delivery: number;
  audio_delivery: number;
  fetched_at: string;
}

/** Invocation-log METADATA only: prompt and response bodies never reach this table. */
export interface InvocationLogTable {
  request_id: string;
  ts: string;
  account: string;
  region: string;
  operation: string | null;
  model_id: string | null;
  principal: string | null;
  inference_region: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  error_code: string | null;
  /** JSON object of caller-supplied requestMetadata string pairs. */
  request_metadata: string;
}

export interface LogWatermarkTable {
  account: string;
  region: string;
  source: "s3" | "cwlogs";
  /** Last S3 key read (StartAfter) or last event timestamp in ms (CloudWatch Logs). */
  position: string;
  updated_at: string;
}

export interface CollectTables {
  metric_hourly: MetricHourlyTable;
  metric_watermark: MetricWatermarkTable;
  collection_run: CollectionRunTable;
  foundation_model: FoundationModelTable;
  provisioned_throughput: ProvisionedThroughputTable;
  inference_profile: InferenceProfileTable;
  logging_config: LoggingConfigTable;
  invocation_log: InvocationLogTable;
  log_watermark: LogWatermarkTable;
}
