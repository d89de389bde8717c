import { sql } from "kysely";
import type { Db } from "../db.js";
import { engineOf, locationOf } from "../dialect/engine.js";

/**
 * A token that changes whenever the store's data may have changed. SQLite: `data_version` moves
 * when another connection (a `collect` process, a worker's rollup refresh) commits,
 * `total_changes()` when this connection writes (the collector inside `serve`). PostgreSQL: the
 * current snapshot (xmin:xmax:in-progress ids) moves when any transaction that wrote commits, on
 * this replica or another one. Cheap reads, no table scanned.
 */
export async function readDataVersion(db: Db): Promise<string> {
  if (engineOf(db) === "postgres") {
    const s = await sql<{ v: string }>`SELECT pg_current_snapshot()::text AS v`.execute(db);
    return s.rows[0]?.v ?? "";
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
