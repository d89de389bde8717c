import type { ColumnDefinitionBuilder, Kysely } from "kysely";

const num = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

// Frozen: never edit a shipped migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("metric_hourly")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("model_id", "text", (c) => c.notNull())
    .addColumn("hour", "text", (c) => c.notNull())
    .addColumn("invocations", "real", num)
    .addColumn("input_tokens", "real", num)
    .addColumn("output_tokens", "real", num)
    .addColumn("cache_read_tokens", "real", num)
    .addColumn("cache_write_tokens", "real", num)
    .addColumn("latency_avg_ms", "real")
    .addColumn("throttles", "real", num)
    .addColumn("client_errors", "real", num)
    .addColumn("server_errors", "real", num)
    // Re-collecting an hour replaces it: upserts target this key, never duplicates.
    .addPrimaryKeyConstraint("metric_hourly_pk", ["account", "region", "model_id", "hour"])
    .execute();
  await db.schema.createIndex("metric_hourly_hour").on("metric_hourly").columns(["hour"]).execute();

  await db.schema
    .createTable("metric_watermark")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("last_hour", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("metric_watermark_pk", ["account", "region"])
    .execute();

  await db.schema
    .createTable("collection_run")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("account", "text")
    .addColumn("region", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error_name", "text")
    .addColumn("error", "text")
    .addColumn("fix", "text")
    .addColumn("items", "integer", num)
    .addColumn("api_calls", "integer", num)
    .addColumn("metrics_requested", "integer", num)
    .addColumn("duration_ms", "integer", num)
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("collection_run_source")
    .on("collection_run")
    .columns(["source", "account", "region", "finished_at"])
    .execute();

  await db.schema
    .createTable("foundation_model")
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("model_id", "text", (c) => c.notNull())
    .addColumn("model_name", "text", (c) => c.notNull())
    .addColumn("provider", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("legacy_time", "text")
    .addColumn("public_extended_access_time", "text")
    .addColumn("end_of_life_time", "text")
    .addColumn("start_of_life_time", "text")
    .addColumn("inference_types", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("fetched_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("foundation_model_pk", ["region", "model_id"])
    .execute();

  await db.schema
    .createTable("provisioned_throughput")
    .addColumn("arn", "text", (c) => c.primaryKey())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("model_arn", "text")
    .addColumn("foundation_model_arn", "text")
    .addColumn("model_units", "integer")
    .addColumn("desired_model_units", "integer")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("commitment_duration", "text")
    .addColumn("commitment_expiration_time", "text")
    .addColumn("creation_time", "text")
    .addColumn("fetched_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("inference_profile")
    .addColumn("arn", "text", (c) => c.primaryKey())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("models", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("fetched_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("logging_config")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", num)
    .addColumn("s3_bucket", "text")
    .addColumn("s3_prefix", "text")
    .addColumn("log_group", "text")
    .addColumn("text_delivery", "integer", num)
    .addColumn("image_delivery", "integer", num)
    .addColumn("embedding_delivery", "integer", num)
    .addColumn("video_delivery", "integer", num)
    .addColumn("audio_delivery", "integer", num)
    .addColumn("fetched_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("logging_config_pk", ["account", "region"])
    .execute();

  await db.schema
    .createTable("invocation_log")
    .addColumn("request_id", "text", (c) => c.primaryKey())
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("operation", "text")
    .addColumn("model_id", "text")
    .addColumn("principal", "text")
    .addColumn("inference_region", "text")
    .addColumn("input_tokens", "integer", num)
    .addColumn("output_tokens", "integer", num)
    .addColumn("cache_read_tokens", "integer", num)
    .addColumn("cache_write_tokens", "integer", num)
    .addColumn("error_code", "text")
    .addColumn("request_metadata", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("invocation_log_ts").on("invocation_log").columns(["ts"]).execute();

  await db.schema
    .createTable("log_watermark")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("log_watermark_pk", ["account", "region", "source"])
    .execute();
}
