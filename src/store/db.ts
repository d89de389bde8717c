import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { AppError } from "../errors.js";
import { telemetry } from "../util/telemetry.js";
import { registerSqlite } from "./bulk.js";
import { isPostgresUrl, registerLocation } from "./dialect/engine.js";
import { isBusy } from "./dialect/fragments.js";
import { applyMigrations, assertNotNewer, schemaState } from "./migrate.js";

export { LATEST_MIGRATION } from "./migrate.js";

import { RENAMED_MIGRATIONS } from "./migrations/index.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export const DEFAULT_DB_PATH = "./data/bedrock-spend.db";

/** The store as shown in logs and messages: a database URL loses its password. */
export function storeLabel(location: string): string {
  return location.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}

export interface OpenDbOptions {
  /**
   * Apply pending migrations on open (default for a SQLite file, which one host owns). `false`
   * refuses a store with pending migrations instead: the default for PostgreSQL, where replicas
   * must not race to migrate and `bedrock-spend migrate` applies them once.
   */
  migrate?: boolean;
}

/** Rewrites migration names recorded before the renumbering (see RENAMED_MIGRATIONS). */
function adoptRenamedMigrations(sqlite: SQLite.Database): void {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!table) return;
  // Only a store that has old names is written to: opening must not wait for another process's
  // write lock (a CUR period being stored) just to rename nothing.
  const old = sqlite.prepare("select 1 from kysely_migration where name = ?");
  if (!Object.keys(RENAMED_MIGRATIONS).some((name) => old.get(name))) return;
  const rename = sqlite.prepare("update kysely_migration set name = ? where name = ?");
  sqlite.transaction(() => {
    for (const [from, to] of Object.entries(RENAMED_MIGRATIONS)) rename.run(to, from);
  })();
}

const MMAP_BYTES = 0x7fff0000;
const PAGE_BYTES = 65_536;

function openSqlite(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // A new store gets 64 KB pages, SQLite's largest (its default is 4 KB); an existing file keeps
  // the size it was created with (the pragma only applies before the first table exists). A bulk
  // write's index builds scan the table once each, and fewer, fuller pages make those scans cheaper:
  // an 8M-line CUR period 14.0 → 13.4 s with 16 KB pages, 12.4 → 11.8 s with 64 KB over 16 KB;
  // spend questions on the 13-month store no slower (docs/performance.md). The price: a small
  // transaction writes whole 64 KB pages to the WAL (a lease renewal every 40 s: a few hundred KB).
  sqlite.pragma(`page_size = ${PAGE_BYTES}`);
  try {
    sqlite.pragma("journal_mode = WAL");
  } catch (err) {
    // A large bulk write in another process has the file in rollback-journal mode for a few
    // seconds (dialect/sqlite-bulk.ts writeStraightToFile) and puts it back into WAL mode when
    // done; this connection reads under the rollback journal's locks until then and follows the
    // file into WAL mode afterwards (SQLite checks the file's mode at each transaction).
    if (!isBusy(err)) throw err;
  }
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Reads go through a memory map of the file (up to SQLite's 2 GB cap) instead of copying each
  // page from the OS cache: a month of raw rows scanned for a tag filter, 113 → 77 ms on the
  // 13-month high-cardinality store. The mapped pages are the OS page cache, not process heap.
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => telemetry().observe("store_query_seconds", e.queryDurationMillis / 1000),
  });
  registerSqlite(db, sqlite);
  adoptRenamedMigrations(sqlite);
  return db;
}

/** A SQLite file (or `:memory:`), or a PostgreSQL server for a `postgres://` URL. */
async function openStore(location: string): Promise<Db> {
  if (!isPostgresUrl(location)) return openSqlite(location);
  const { openPostgres } = await import("./dialect/postgres.js");
  const db = await openPostgres(location, {
    log: (ms) => telemetry().observe("store_query_seconds", ms / 1000),
  });
  registerLocation(db, location);
  return db;
}

/** Reads the recorded migrations; an unreachable server gets a message naming the store. */
async function stateOf(db: Db, location: string) {
  try {
    return await schemaState(db);
  } catch (err) {
    if (!isPostgresUrl(location)) throw err;
    throw new AppError(
      `cannot reach the store ${storeLabel(location)}: ${(err as Error).message}`,
      "check the URL, the PG* variables (PGPASSWORD, PGSSLMODE…) and that the server accepts this host",
    );
  }
}

/**
 * Opens the store (a SQLite file in WAL mode, created if needed, or a PostgreSQL database),
 * refuses a schema newer than this code, and runs pending migrations (or refuses to open with
 * them, see OpenDbOptions.migrate).
 */
export async function openDb(location: string, o: OpenDbOptions = {}): Promise<Db> {
  const db = await openStore(location);
  const label = storeLabel(location);
  try {
    const state = await stateOf(db, location);
    assertNotNewer(state, label);
    const migrate = o.migrate ?? !isPostgresUrl(location);
    if (state.pending.length > 0 && !migrate)
      throw new AppError(
        `the store ${label} needs migrations ${state.pending.join(", ")}`,
        "run `bedrock-spend migrate` once (with this version), then start again",
      );
    if (state.pending.length > 0) await applyMigrations(db, label);
    return db;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** `bedrock-spend migrate`: applies pending migrations, returns their names. */
export async function migrateDb(location: string): Promise<{ applied: string[]; db: Db }> {
  const db = await openStore(location);
  const label = storeLabel(location);
  try {
    assertNotNewer(await stateOf(db, location), label);
    return { applied: await applyMigrations(db, label), db };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
