import type { Kysely } from "kysely";

// Frozen once shipped: never edit; add a new migration. Contract of the table: schema-estimate.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cost_estimate_daily")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("day", "text", (c) => c.notNull())
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
    .addColumn("tokens", "real", (c) => c.notNull().defaultTo(0))
    // NULL = no known price; never coalesce to 0.
    .addColumn("cost_usd", "real")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("cost_estimate_daily_day_model")
    .on("cost_estimate_daily")
    .columns(["day", "model"])
    .execute();
}
