import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/**
 * The bulk write path: large writes (a CUR period, an estimate recompute, CloudWatch hours) go
 * straight to better-sqlite3 with prepared multi-row statements, instead of Kysely compiling a
 * query per batch. Kept inside src/store: nothing else touches the raw handle.
 */

const handles = new WeakMap<object, SQLite.Database>();

/** Called by openDb: remembers the better-sqlite3 handle behind a Kysely instance. */
export function registerSqlite(db: Db, sqlite: SQLite.Database): void {
  handles.set(db, sqlite);
}

function sqliteOf(db: Db): SQLite.Database {
  const h = handles.get(db);
  if (!h) throw new Error("bulk write needs a store opened with openDb (not a transaction)");
  return h;
}

/**
 * Runs `fn` in one IMMEDIATE transaction on the raw handle, all or nothing. Kysely's single
 * connection is held meanwhile, so no other query of this process can slip into the transaction
 * while `fn` awaits its input (a DuckDB result stream); `conn` runs Kysely queries on it. Never
 * call it from inside another transaction of the same store: it would wait for itself.
 */
export async function bulkTransaction<T>(
  db: Db,
  fn: (sqlite: SQLite.Database, conn: Db) => Promise<T>,
): Promise<T> {
  const sqlite = sqliteOf(db);
  return db.connection().execute(async (conn) => {
    // Index builds sort with a helper thread (SQLite's default is none).
    const threads = sqlite.pragma("threads", { simple: true }) as number;
    sqlite.pragma(`threads = ${Math.max(threads, 2)}`);
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const out = await fn(sqlite, conn);
      sqlite.exec("COMMIT");
      return out;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw err;
    } finally {
      sqlite.pragma(`threads = ${threads}`);
    }
  });
}

/** SQLite caps bound parameters per statement (32,766); 100 rows of ≤ 30 columns stay far below. */
const ROWS_PER_STATEMENT = 100;

export interface BulkInsertOptions {
  /** Columns with the same value on every row (bound once per statement as named parameters). */
  constants?: Record<string, unknown>;
  /** Appended to the statement, e.g. an ON CONFLICT clause. */
  suffix?: string;
}

/**
 * Inserts rows given as flat value arrays (columns in `columns` order) through one prepared
 * statement of 100 rows, and one for the tail.
 */
export class BulkInsert {
  private readonly full: SQLite.Statement;
  private readonly params: unknown[];
  private readonly constants: Record<string, unknown>;
  private filled = 0;
  rows = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly opts: BulkInsertOptions = {},
  ) {
    this.constants = opts.constants ?? {};
    this.full = sqlite.prepare(this.sql(ROWS_PER_STATEMENT));
    this.params = new Array(ROWS_PER_STATEMENT * columns.length);
  }

  private sql(rows: number): string {
    const names = Object.keys(this.constants);
    const tuple = `(${[...names.map((n) => `@${n}`), ...this.columns.map(() => "?")].join(", ")})`;
    const cols = [...names, ...this.columns].map((c) => `"${c}"`).join(", ");
    return `INSERT INTO "${this.table}" (${cols}) VALUES ${Array(rows).fill(tuple).join(", ")} ${this.opts.suffix ?? ""}`;
  }

  private run(stmt: SQLite.Statement, params: unknown[]): void {
    if (Object.keys(this.constants).length) stmt.run(params, this.constants);
    else stmt.run(params);
  }

  /** Adds `values.length / columns.length` rows. */
  add(values: readonly unknown[]): void {
    const width = this.columns.length;
    if (values.length % width !== 0)
      throw new Error(`${this.table}: ${values.length} values for ${width} columns`);
    for (let i = 0; i < values.length; i++) {
      this.params[this.filled++] = values[i];
      if (this.filled === this.params.length) {
        this.run(this.full, this.params);
        this.filled = 0;
      }
    }
    this.rows += values.length / width;
  }

  /** Writes the rows still buffered. */
  flush(): void {
    if (!this.filled) return;
    const rows = this.filled / this.columns.length;
    this.run(this.sqlite.prepare(this.sql(rows)), this.params.slice(0, this.filled));
    this.filled = 0;
  }
}

/**
 * Drops `table`'s triggers or explicit indexes inside the caller's transaction and returns the
 * function that recreates them from their own stored SQL. A bulk writer that maintains derived
 * data itself skips the per-row trigger, and a write that is large against the table builds each
 * index once, sorted, instead of inserting into it row by row. DDL is transactional: a failure
 * rolls the drops back with everything else.
 */
export function suspend(sqlite: SQLite.Database, table: string, type: "trigger" | "index"): () => void {
  const objects = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = ? AND type = ? AND sql IS NOT NULL")
    .all(table, type) as { name: string; sql: string }[];
  for (const o of objects) sqlite.exec(`DROP ${type.toUpperCase()} "${o.name}"`);
  return () => {
    for (const o of objects) sqlite.exec(o.sql);
  };
}
