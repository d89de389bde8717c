import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type MigrationProvider, Migrator, SqliteDialect } from "kysely";
import { AppError } from "../errors.js";
import { registerSqlite } from "./bulk.js";
import { migrations, RENAMED_MIGRATIONS } from "./migrations/index.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export const DEFAULT_DB_PATH = "./data/bedrock-spend.db";

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

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

/** Opens (creating if needed) the SQLite store in WAL mode and runs pending migrations. */
export async function openDb(path: string): Promise<Db> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerSqlite(db, sqlite);
  adoptRenamedMigrations(sqlite);
  const { error, results } = await new Migrator({ db, provider: staticProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new AppError(`database ${path}: migration ${failed} failed: ${(error as Error).message}`);
  }
  return db;
}
