import type { Kysely } from "kysely";

// Frozen: never edit a shipped migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("slack_post_ledger")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("ts", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("posted_at", "text")
    .execute();

  await db.schema
    .createTable("slack_anomaly_triage")
    .addColumn("anomaly_id", "text", (c) => c.primaryKey())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("anomaly_json", "text", (c) => c.notNull())
    .addColumn("channel", "text")
    .addColumn("ts", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("slack_mute")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("muted_until", "text", (c) => c.notNull())
    .addColumn("muted_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("slack_mute_pk", ["dimension", "key"])
    .execute();
}
