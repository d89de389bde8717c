import { type Kysely, sql } from "kysely";

/**
 * Frozen once shipped: never edit; add a new migration.
 *
 * A second key on spend_rollup, for dimensions that pair two columns (`account,model`: "by model
 * for one account" without scanning the account's raw lines), and a partial index over the month
 * rows (spend-rollup-months.ts) in value order. The covering index gains the column, and every day
 * already rolled up is marked dirty so the next refresh writes the new rows and the month rows: a
 * one-time rebuild from the raw rows at the first open after the upgrade (40 s for 13 months of
 * 190k lines a month).
 */
/** The columns both covering indexes carry after their keys, so readers never touch the table. */
const COVERED = [
  "account_name",
  "lines",
  "priced_lines",
  "cost",
  "tokens",
  "unpriced_tokens",
  "principal_cost",
  "tagged_cost",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("spend_rollup").addColumn("key2", "text").execute();
  await db.schema.dropIndex("spend_rollup_dim_day").execute();
  await db.schema
    .createIndex("spend_rollup_dim_day")
    .on("spend_rollup")
    .columns(["src", "dim", "day", "key", "key2", ...COVERED])
    .execute();
  // Month rows (spend-rollup-months.ts, a 7-character day) in value order: a year by principal
  // sums each principal's 12 month rows as it reads them instead of sorting them all.
  await db.schema
    .createIndex("spend_rollup_month_key")
    .on("spend_rollup")
    .columns(["src", "dim", "key", "key2", "day", ...COVERED])
    .where(sql.raw("length(day)"), "=", 7)
    .execute();
  // `WHERE true`: SQLite reads `FROM t ON CONFLICT` as a join constraint without it.
  await sql`INSERT INTO spend_rollup_dirty (src, day) SELECT DISTINCT src, day FROM spend_rollup WHERE true
    ON CONFLICT DO NOTHING`.execute(db);
}
