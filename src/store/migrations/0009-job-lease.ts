import type { Kysely } from "kysely";

// Frozen once shipped: never edit; add a new migration. Contract of the table: schema-lease.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("job_lease")
    .addColumn("job", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("tick", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
