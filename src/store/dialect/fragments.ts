import { type Kysely, type RawBuilder, sql } from "kysely";
import { type Engine, engineOf } from "./engine.js";

/**
 * The SQL that differs between the engines beyond what pg-compat.ts defines: each function
 * returns one engine's fragment for the same meaning.
 */

export interface TagPairs {
  /** Joined after the table: one row per top-level tag of a line. */
  join: RawBuilder<unknown>;
  key: RawBuilder<string>;
  value: RawBuilder<string>;
  /** Only scalar tag values (not objects, arrays or null). */
  scalar: RawBuilder<boolean>;
}

export function tagPairs(engine: Engine, table: RawBuilder<unknown>): TagPairs {
  if (engine === "postgres")
    return {
      join: sql`jsonb_each(${table}.tags::jsonb) AS j`,
      key: sql`j.key`,
      value: sql`(j.value #>> '{}')`,
      scalar: sql`jsonb_typeof(j.value) NOT IN ('object', 'array', 'null')`,
    };
  return {
    join: sql`json_each(${table}.tags) AS j`,
    key: sql`j.key`,
    value: sql`j.value`,
    scalar: sql`json_valid(${table}.tags) AND j.type NOT IN ('object', 'array', 'null')`,
  };
}

/**
 * True for "another writer holds the lock past the wait": SQLite's busy timeout, PostgreSQL's
 * lock_timeout (55P03).
 */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code.startsWith("SQLITE_BUSY") || code === "55P03";
}

/**
 * Serializes rollup refreshes across processes, first thing in the refresh transaction. SQLite:
 * the refresh's first statement is a write, which takes the database's write lock. PostgreSQL:
 * rows are locked one by one, so two replicas could rebuild the same new day twice; a
 * transaction advisory lock makes the second wait and then see the first one's result. Both wait
 * at most 5 s (SQLite's busy_timeout) and then fail with a busy error (see isBusy).
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema, a transaction
export async function lockRollupRefresh(trx: Kysely<any>): Promise<void> {
  if (engineOf(trx) !== "postgres") return;
  await sql`SET LOCAL lock_timeout = '5s'`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(hashtext('bedrock-spend:spend_rollup'))`.execute(trx);
}

/**
 * After a write that changed a large share of `tables`: fresh planner statistics on PostgreSQL
 * (autovacuum gets to it only later, and a rollup without statistics plans a 13-month tag query
 * as nested loops: 1 s instead of 15 ms). SQLite plans from its indexes alone: nothing to do.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema, a transaction
export async function analyzeAfterBulk(db: Kysely<any>, tables: string[]): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db);
}

/**
 * After a committed write that rewrote much of `tables` (never inside a transaction): on
 * PostgreSQL, VACUUM (ANALYZE) sets the visibility map as well, so the covering rollup index is
 * read index-only (a 13-month account × day query: 12 ms instead of a parallel scan's 45–130 ms).
 * An optimization only: a failure (e.g. another VACUUM running) is ignored.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function vacuumAfterBulk(db: Kysely<any>, tables: string[]): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  for (const t of tables) await sql`VACUUM (ANALYZE) ${sql.table(t)}`.execute(db).catch(() => {});
}
