import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { BulkOptions, BulkSession } from "./dialect/bulk-types.js";
import { engineOf } from "./dialect/engine.js";
import { sqliteBulkTransaction } from "./dialect/sqlite-bulk.js";
import type { Database } from "./schema.js";

export type {
  BulkDictionary,
  BulkOptions,
  BulkSession,
  BulkWriter,
  CodedRows,
} from "./dialect/bulk-types.js";
export { codedLayout } from "./dialect/bulk-types.js";

type Db = Kysely<Database>;

/**
 * The bulk write path: large writes (a CUR period, an estimate recompute, CloudWatch hours) go
 * through each engine's fast path (dialect/), inside one transaction. Kept inside src/store:
 * nothing else touches the raw handles.
 */

const handles = new WeakMap<object, SQLite.Database>();

/** Called by openDb: remembers the better-sqlite3 handle behind a Kysely instance. */
export function registerSqlite(db: Db, sqlite: SQLite.Database): void {
  handles.set(db, sqlite);
}

/** Runs `fn` in one transaction of the store's own connection (see the engines' versions). */
export async function bulkTransaction<T>(
  db: Db,
  fn: (s: BulkSession) => Promise<T>,
  opts: BulkOptions = {},
): Promise<T> {
  if (engineOf(db) === "postgres") {
    // COPY's stream module is loaded by PostgreSQL stores only.
    const { postgresBulkTransaction } = await import("./dialect/postgres-bulk.js");
    return postgresBulkTransaction(db, fn);
  }
  const sqlite = handles.get(db);
  if (!sqlite) throw new Error("bulk write needs a store opened with openDb (not a transaction)");
  return sqliteBulkTransaction(db, sqlite, fn, opts);
}
