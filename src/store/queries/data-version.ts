import { sql } from "kysely";
import type { Db } from "../db.js";
import { engineOf, locationOf } from "../dialect/engine.js";

/**
 * A token that changes whenever the store's data may have changed. SQLite: `data_version` moves
 * when another connection (a `collect` process, a worker's rollup refresh) commits,
 * `total_changes()` when this connection writes (the collector inside `serve`). PostgreSQL: the
 * rows of `store_change` (dialect/pg-change-token.ts), bumped by a trigger on every data table in
 * the writing transaction, so a write becomes visible here exactly when its data does, on this
 * replica or another one; writes to other databases of the same server leave it alone. Cheap
 * reads: one tiny table (a row per server process that ever wrote) on PostgreSQL, none on SQLite.
 */
export async function readDataVersion(db: Db): Promise<string> {
  if (engineOf(db) === "postgres") {
    const s = await sql<{ writers: number; bumps: number }>`
      SELECT count(*) AS writers, coalesce(sum(n), 0) AS bumps FROM store_change`.execute(db);
    return `${s.rows[0]?.writers ?? 0}.${s.rows[0]?.bumps ?? 0}`;
  }
  const v = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  const c = await sql<{ c: number }>`SELECT total_changes() AS c`.execute(db);
  return `${v.rows[0]?.data_version ?? 0}.${c.rows[0]?.c ?? 0}`;
}

/**
 * Where another thread opens the same store: the file behind the connection, or the PostgreSQL
 * URL; "" for an in-memory store, which no other thread can open.
 */
export async function readDbFile(db: Db): Promise<string> {
  if (engineOf(db) === "postgres") return locationOf(db);
  const r = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return r.rows.find((x) => x.name === "main")?.file ?? "";
}
