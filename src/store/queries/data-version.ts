import { sql } from "kysely";
import type { Db } from "../db.js";

/**
 * A token that changes whenever the store's data may have changed: `data_version` moves when
 * another connection (a `collect` process, a worker's rollup refresh) commits, `total_changes()`
 * when this connection writes (the collector inside `serve`). Two cheap reads, no table scanned.
 */
export async function readDataVersion(db: Db): Promise<string> {
  const v = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  const c = await sql<{ c: number }>`SELECT total_changes() AS c`.execute(db);
  return `${v.rows[0]?.data_version ?? 0}.${c.rows[0]?.c ?? 0}`;
}

/** The file behind the connection; "" for an in-memory store, which no other thread can open. */
export async function readDbFile(db: Db): Promise<string> {
  const r = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return r.rows.find((x) => x.name === "main")?.file ?? "";
}
