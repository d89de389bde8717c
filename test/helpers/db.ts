import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { type Db, openDb } from "../../src/store/db.js";
import { freshPgUrl, TEST_PG } from "./pg.js";

/**
 * The engine under test: SQLite, or PostgreSQL when BEDROCK_SPEND_TEST_PG names a server (each
 * store is then a fresh database of its own there, see pg.ts).
 */
export const TEST_ENGINE: "sqlite" | "postgres" = TEST_PG ? "postgres" : "sqlite";

/** A real store with every migration applied: in-memory SQLite, or a fresh PostgreSQL database. */
export async function memoryDb(): Promise<Db> {
  return TEST_PG ? openDb(await freshPgUrl()) : openDb(":memory:");
}

/**
 * A real store other processes can open too: a SQLite file in a fresh temp folder, or a fresh
 * PostgreSQL database (`path` is then its URL, usable as `--db`).
 */
export async function fileDb(): Promise<{ db: Db; path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
  const path = TEST_PG ? await freshPgUrl() : join(dir, "store.db");
  return { db: await openDb(path), path, dir };
}

/** A real SQLite file whatever the engine under test (for WAL, locking and file-crash tests). */
export async function sqliteFileDb(): Promise<{ db: Db; path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
  const path = join(dir, "store.db");
  return { db: await openDb(path), path, dir };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
}

/**
 * The definitions of a table's triggers and indexes (with PostgreSQL's enabled flag), sorted by
 * name: a bulk write that suspends them must leave exactly these behind.
 */
export async function tableSchema(db: Db, table: string): Promise<string[]> {
  if (TEST_ENGINE === "sqlite") {
    const r = await sql<{
      sql: string | null;
    }>`SELECT sql FROM sqlite_master WHERE tbl_name = ${table} ORDER BY name`.execute(db);
    return r.rows.map((x) => x.sql ?? "");
  }
  const r = await sql<{ def: string }>`
    SELECT def FROM (
      SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = ${table}
      UNION ALL
      SELECT tgname, pg_get_triggerdef(oid) || ' enabled=' || tgenabled::text FROM pg_trigger
      WHERE tgrelid = ${table}::regclass AND NOT tgisinternal) s ORDER BY name`.execute(db);
  return r.rows.map((x) => x.def);
}

/** Every user trigger of the store, by name. */
export async function triggerNames(db: Db): Promise<string[]> {
  const r =
    TEST_ENGINE === "sqlite"
      ? await sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`.execute(db)
      : await sql<{
          name: string;
        }>`SELECT tgname || ' ' || tgenabled::text AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`.execute(
          db,
        );
  return r.rows.map((x) => x.name);
}

/** Where a new, empty store of the engine under test lives (nothing migrated yet). */
export async function emptyStore(): Promise<string> {
  return TEST_PG ? freshPgUrl({ migrated: false }) : join(tempDir(), "store.db");
}

/** Runs one statement on a store from outside the product (what another version left behind). */
export async function execRaw(location: string, statement: string, params: unknown[] = []): Promise<void> {
  if (TEST_ENGINE === "sqlite") {
    const raw = new SQLite(location);
    raw.prepare(statement).run(...params);
    raw.close();
    return;
  }
  const c = new pg.Client({ connectionString: location });
  await c.connect();
  try {
    await c.query(
      statement.replace(
        /\?/g,
        (() => {
          let n = 0;
          return () => `$${++n}`;
        })(),
      ),
      params,
    );
  } finally {
    await c.end();
  }
}

/** Tables (PostgreSQL store) with a row whose text contains `needle`. */
export async function rowsContaining(db: Db, needle: string): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const hits: string[] = [];
  for (const t of tables) {
    const r = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(t.name)} x WHERE x::text LIKE ${`%${needle}%`}`.execute(db);
    if (Number(r.rows[0]?.n) > 0) hits.push(t.name);
  }
  return hits;
}
