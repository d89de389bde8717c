import type { Kysely } from "kysely";

// Frozen once shipped: never edit; add a new migration. Contract of the tables: schema-pricing.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("price")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("pricing_model", "text", (c) => c.notNull())
    .addColumn("token_type", "text", (c) => c.notNull())
    .addColumn("cache_ttl", "text")
    .addColumn("usd_per_million", "real", (c) => c.notNull())
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("price_model_region").on("price").columns(["model", "region"]).execute();

  await db.schema
    .createTable("estimate_run")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("from_day", "text", (c) => c.notNull())
    .addColumn("to_day", "text", (c) => c.notNull())
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("metric_tokens", "real", (c) => c.notNull())
    .addColumn("attributed_tokens", "real", (c) => c.notNull())
    .addColumn("unpriced_tokens", "real", (c) => c.notNull())
    .addColumn("estimated_usd", "real", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reconcile_drift")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("billed_usd", "real", (c) => c.notNull())
    .addColumn("estimated_usd", "real")
    .addColumn("drift_pct", "real")
    .addColumn("flagged", "integer", (c) => c.notNull())
    .addColumn("likely_cause", "text")
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reconcile_drift_pk", ["day", "model"])
    .execute();
}
