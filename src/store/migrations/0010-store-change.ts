import type { Kysely } from "kysely";
import { engineOf } from "../dialect/engine.js";
import { attachPgChangeTrigger, createPgChangeToken } from "../dialect/pg-change-token.js";

// Frozen once shipped: never edit; add a new migration.

/**
 * Every table a reader answers from (schema*.ts, migrations 0001-0007). Left out: `job_lease`,
 * whose holder renews its lease every 40 s (serve.leaseSeconds / 3) — bumping on it would empty
 * every answer cache that often while no answer reads it; `store_change` itself; kysely's
 * migration log and lock (a migration that changes data writes these tables).
 */
const DATA_TABLES = [
  // 0001 cost
  "ingest_log",
  "cost_daily",
  "cost_adjustment",
  "cur_period",
  // 0002 estimate and rollup (readers route dirty days to the raw rows)
  "cost_estimate_daily",
  "spend_rollup",
  "spend_rollup_dirty",
  // 0003 collect
  "metric_hourly",
  "metric_watermark",
  "collection_run",
  "foundation_model",
  "provisioned_throughput",
  "inference_profile",
  "logging_config",
  "invocation_log",
  "log_watermark",
  // 0004, 0007 slack
  "slack_post_ledger",
  "slack_anomaly_triage",
  "slack_mute",
  "slack_incident",
  "slack_data_gap",
  // 0005 pricing
  "price",
  "estimate_run",
  "reconcile_drift",
];

/**
 * PostgreSQL's data version (dialect/pg-change-token.ts): a per-database change counter bumped by
 * a statement trigger on every data table. SQLite keeps `data_version` and `total_changes()`,
 * which already belong to the one database file: nothing to add there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  await createPgChangeToken(db);
  for (const table of DATA_TABLES) await attachPgChangeTrigger(db, table);
}
