import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { Engine } from "./engine.js";

/**
 * The bulk write path (a CUR period, an estimate recompute, CloudWatch hours) as one interface over
 * each engine's fast path: prepared multi-row statements on SQLite, COPY FROM STDIN on PostgreSQL.
 * Statements use `?` placeholders on both engines.
 */

export interface BulkInsertOptions {
  /** Columns with the same value on every row (given once, written on every row). */
  constants?: Record<string, unknown>;
  /** Appended to the statement, e.g. an ON CONFLICT clause (PostgreSQL then uses INSERT, not COPY). */
  suffix?: string;
}

export interface BulkWriter {
  /** Rows added so far. */
  readonly rows: number;
  /** Adds `values.length / columns.length` rows (flat, in `columns` order). */
  add(values: readonly unknown[]): Promise<void>;
  /** Writes the rows still buffered. */
  flush(): Promise<void>;
}

export interface BulkSession {
  readonly engine: Engine;
  /** Kysely on the session's connection, inside its transaction. */
  readonly conn: Kysely<Database>;
  /** The first column of every row. */
  column<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  insert(table: string, columns: readonly string[], opts?: BulkInsertOptions): BulkWriter;
  /**
   * Suspends `table`'s triggers or explicit indexes inside the transaction and returns the
   * function that restores them. A bulk writer that maintains derived data itself skips the
   * per-row triggers, and a write that is large against the table builds each index once, sorted.
   * DDL is transactional on both engines: a failure rolls the suspension back with the rest.
   */
  suspend(table: string, type: "trigger" | "index"): Promise<() => Promise<void>>;
}

const table = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `INSERT INTO t (constants…, columns…)`, shared by both engines' statement builders. */
export function insertHead(
  name: string,
  columns: readonly string[],
  constants: Record<string, unknown>,
): string {
  const cols = [...Object.keys(constants), ...columns].map((c) => `"${c}"`).join(", ");
  return `INSERT INTO ${table(name)} (${cols})`;
}
