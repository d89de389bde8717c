import { type Kysely, sql } from "kysely";

/**
 * PostgreSQL's data version (queries/data-version.ts): a per-database change counter that moves
 * exactly when a transaction that wrote the store's data commits. pg_current_snapshot() would move
 * with writes to any database of the cluster (one RDS instance often hosts several), emptying every
 * answer cache for unrelated traffic.
 *
 * `store_change` holds one row per server process (backend pid) that ever wrote: a writer bumps only
 * its own row, so concurrent writers never wait for each other's commit (one shared counter row
 * would make a long CUR ingest block every other writer). Rows only grow, so the row count and the
 * sum of the counters together change with every committed bump; an uncommitted bump is invisible
 * to readers like the rest of its transaction.
 *
 * Migration 0010 installs it; the names below are recorded in stores: never rename them.
 */

/** The trigger on every data table (PostgreSQL names triggers per table). */
export const CHANGE_TRIGGER = "store_change_bump";

/**
 * Bumps once per transaction and schema, not per statement: a transaction updating its own row
 * again and again leaves a growing chain of row versions that each later bump walks (20,000
 * single-row inserts in one transaction: 2.2 s with a bump per statement, 0.07 s with this). The
 * bumped schemas are kept in a transaction-local setting, which a rolled-back savepoint restores
 * along with its bump. The row is found in the schema of the table that fired (where the migration
 * created both), so a store in a non-public schema works whatever the writer's search_path.
 */
const BUMP_FUNCTION = `CREATE FUNCTION ${CHANGE_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped text[] := coalesce(nullif(current_setting('bedrock_spend.store_changed', true), ''), '{}')::text[];
BEGIN
  IF TG_TABLE_SCHEMA = ANY (bumped) THEN RETURN NULL; END IF;
  EXECUTE format('INSERT INTO %I.store_change AS c VALUES (pg_backend_pid(), 1)
                  ON CONFLICT (pid) DO UPDATE SET n = c.n + 1', TG_TABLE_SCHEMA);
  PERFORM set_config('bedrock_spend.store_changed', array_append(bumped, TG_TABLE_SCHEMA::text)::text, true);
  RETURN NULL;
END $$`;

/** Creates the counter table and the trigger function, in the store's schema (search_path). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function createPgChangeToken(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE store_change (pid integer PRIMARY KEY, n bigint NOT NULL)`.execute(db);
  await sql.raw(BUMP_FUNCTION).execute(db);
}

/**
 * Makes every write to `table` move the token: statement-level, so a COPY of a million rows bumps
 * once. A migration that adds a data table readers answer from attaches it too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function attachPgChangeTrigger(db: Kysely<any>, table: string): Promise<void> {
  await sql
    .raw(
      `CREATE TRIGGER ${CHANGE_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
       FOR EACH STATEMENT EXECUTE FUNCTION ${CHANGE_TRIGGER}()`,
    )
    .execute(db);
}
