import type { Kysely } from "kysely";
import { engineOf } from "../dialect/engine.js";
import { installPgCompat } from "../dialect/pg-compat.js";

// Frozen: never edit a shipped migration; add a new one. (The PostgreSQL branches were added
// before any PostgreSQL store existed; the SQLite path is unchanged.)
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === "postgres") await installPgCompat(db);
  await db.schema
    .createTable("ingest_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("period", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("files", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rows_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bedrock_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_usd", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("warnings", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("error", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();

  await db.schema
    .createTable("cost_daily")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("payer_account", "text")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("account_name", "text")
    .addColumn("region", "text")
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("model_id", "text")
    .addColumn("token_type", "text", (c) => c.notNull())
    .addColumn("cache_ttl", "text")
    .addColumn("pricing_model", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("principal", "text")
    .addColumn("resource_id", "text")
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("usage_type", "text", (c) => c.notNull())
    .addColumn("product_code", "text", (c) => c.notNull())
    .addColumn("tokens", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("usage_amount", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("unit", "text")
    .addColumn("cost_usd", "real", (c) => c.notNull())
    .addColumn("list_cost_usd", "real")
    .addColumn("ingest_id", "integer", (c) => c.notNull())
    .execute();
  // Date-range scans first; the covering-ish indexes serve the common group-bys.
  await db.schema.createIndex("cost_daily_day").on("cost_daily").columns(["day", "model"]).execute();
  await db.schema.createIndex("cost_daily_period").on("cost_daily").columns(["period"]).execute();
  await db.schema
    .createIndex("cost_daily_account_day")
    .on("cost_daily")
    .columns(["account", "day"])
    .execute();
  await db.schema
    .createIndex("cost_daily_principal_day")
    .on("cost_daily")
    .columns(["principal", "day"])
    .execute();
  await db.schema.createIndex("cost_daily_model_day").on("cost_daily").columns(["model", "day"]).execute();

  await db.schema
    .createTable("cost_adjustment")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("line_item_type", "text", (c) => c.notNull())
    .addColumn("model", "text")
    .addColumn("amount_usd", "real", (c) => c.notNull())
    .addColumn("ingest_id", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("cost_adjustment_day").on("cost_adjustment").columns(["day"]).execute();
  await db.schema.createIndex("cost_adjustment_period").on("cost_adjustment").columns(["period"]).execute();

  await db.schema
    .createTable("cur_period")
    .addColumn("period", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("ingest_id", "integer", (c) => c.notNull())
    .addColumn("last_usage_day", "text")
    .addColumn("refreshed_at", "text")
    .addColumn("has_iam_principal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ingested_at", "text", (c) => c.notNull())
    .execute();
}
