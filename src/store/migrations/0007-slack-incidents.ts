import type { Kysely } from "kysely";

// Frozen once shipped: never edit; add a new migration. Contract of the tables: schema-slack.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("slack_incident")
    .addColumn("incident_id", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("incident_json", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("mute_key", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("slack_data_gap")
    .addColumn("gap_id", "text", (c) => c.primaryKey())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("gap_json", "text", (c) => c.notNull())
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
}
