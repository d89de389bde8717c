import { type Kysely, sql } from "kysely";
import { engineOf } from "../dialect/engine.js";
import { createPgRollupMarks } from "../dialect/pg-compat.js";

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

  await createRollup(db);
}

const SOURCES = [
  ["cost_daily", "billed"],
  ["cost_estimate_daily", "estimated"],
] as const;

/** The spend rollup (schema-estimate.ts) and the triggers that mark changed days dirty. */
async function createRollup(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("spend_rollup")
    .addColumn("src", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("key", "text")
    .addColumn("account_name", "text")
    .addColumn("lines", "integer", (c) => c.notNull())
    .addColumn("priced_lines", "integer", (c) => c.notNull())
    .addColumn("cost", "real")
    .addColumn("tokens", "real", (c) => c.notNull())
    .addColumn("unpriced_tokens", "real", (c) => c.notNull())
    .addColumn("principal_cost", "real", (c) => c.notNull())
    .addColumn("tagged_cost", "real", (c) => c.notNull())
    .execute();
  // Covering: reading one dimension over a range never touches the table rows.
  await db.schema
    .createIndex("spend_rollup_dim_day")
    .on("spend_rollup")
    .columns([
      "src",
      "dim",
      "day",
      "key",
      "account_name",
      "lines",
      "priced_lines",
      "cost",
      "tokens",
      "unpriced_tokens",
      "principal_cost",
      "tagged_cost",
    ])
    .execute();
  // PostgreSQL has no WITHOUT ROWID or SQLite trigger bodies: its own marks (dialect/).
  if (engineOf(db) === "postgres") return createPgRollupMarks(db);
  await sql`CREATE TABLE spend_rollup_dirty (src TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (src, day)) WITHOUT ROWID`.execute(
    db,
  );
  for (const [table, src] of SOURCES) {
    const mark = (day: string) =>
      `INSERT OR IGNORE INTO spend_rollup_dirty (src, day) VALUES ('${src}', ${day});`;
    await sql
      .raw(`CREATE TRIGGER ${table}_rollup_ins AFTER INSERT ON ${table} BEGIN ${mark("NEW.day")} END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_rollup_del AFTER DELETE ON ${table} BEGIN ${mark("OLD.day")} END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_rollup_upd AFTER UPDATE ON ${table} BEGIN ${mark("OLD.day")} ${mark("NEW.day")} END`,
      )
      .execute(db);
    // Rows stored before this migration: their days need a first rollup too.
    await sql
      .raw(`INSERT OR IGNORE INTO spend_rollup_dirty (src, day) SELECT DISTINCT '${src}', day FROM ${table}`)
      .execute(db);
  }
}
