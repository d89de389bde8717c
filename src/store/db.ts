import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { AppError } from "../errors.js";
import { telemetry } from "../util/telemetry.js";
import { registerSqlite } from "./bulk.js";
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
   * Apply pending migrations on open (default). `false` refuses a store with pending migrations
   * instead (replicas that must not race to migrate); `bedrock-spend migrate` applies them.
   */
  migrate?: boolean;
}

/** Rewrites migration names recorded before the renumbering (see RENAMED_MIGRATIONS). */
function adoptRenamedMigrations(sqlite: SQLite.Database): void {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!table) return;
  const rename = sqlite.prepare("update kysely_migration set name = ? where name = ?");
  sqlite.transaction(() => {
    for (const [from, to] of Object.entries(RENAMED_MIGRATIONS)) rename.run(to, from);
  })();
}

function openSqlite(path: string): { db: Db; sqlite: SQLite.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => telemetry().observe("store_query_seconds", e.queryDurationMillis / 1000),
  });
  registerSqlite(db, sqlite);
  return { db, sqlite };
}

/**
 * Opens (creating if needed) the SQLite store in WAL mode, refuses a schema newer than this
 * code, and runs pending migrations (or, with `migrate: false`, refuses to open with them).
 */
export async function openDb(path: string, o: OpenDbOptions = {}): Promise<Db> {
  const { db, sqlite } = openSqlite(path);
  try {
    adoptRenamedMigrations(sqlite);
    const state = await schemaState(db);
    assertNotNewer(state, path);
    if (state.pending.length > 0 && o.migrate === false)
      throw new AppError(
        `the store ${path} needs migrations ${state.pending.join(", ")}`,
        "run `bedrock-spend migrate` once (with this version), then start again",
      );
    if (state.pending.length > 0) await applyMigrations(db, path);
    return db;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** `bedrock-spend migrate`: applies pending migrations, returns their names. */
export async function migrateDb(path: string): Promise<{ applied: string[]; db: Db }> {
  const { db, sqlite } = openSqlite(path);
  try {
    adoptRenamedMigrations(sqlite);
    assertNotNewer(await schemaState(db), path);
    return { applied: await applyMigrations(db, path), db };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
