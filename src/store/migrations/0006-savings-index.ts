import type { Kysely } from "kysely";

// Frozen once shipped: never edit; add a new migration.
// get_savings_opportunities groups every billed row of a window by nearly all of its columns; an
// index that covers them lets SQLite read the window from the index alone (no row lookups),
// which halves the query on the demo store.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("cost_daily_savings")
    .on("cost_daily")
    .columns([
      "day",
      "account",
      "region",
      "model",
      "principal",
      "token_type",
      "cache_ttl",
      "pricing_model",
      "route",
      "resource_id",
      "tokens",
      "cost_usd",
      "usage_amount",
      "account_name",
      "model_id",
    ])
    .execute();
}
