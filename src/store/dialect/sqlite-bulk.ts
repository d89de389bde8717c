import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { BulkInsertOptions, BulkSession, BulkWriter } from "./bulk-types.js";
import { insertHead } from "./bulk-types.js";

/** SQLite caps bound parameters per statement (32,766); 100 rows of ≤ 30 columns stay far below. */
const ROWS_PER_STATEMENT = 100;

/** Rows through one prepared statement of 100 rows, and one for the tail. */
class SqliteInsert implements BulkWriter {
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
    const head = insertHead(this.table, this.columns, this.constants);
    return `${head} VALUES ${Array(rows).fill(tuple).join(", ")} ${this.opts.suffix ?? ""}`;
  }

  private run(stmt: SQLite.Statement, params: unknown[]): void {
    if (Object.keys(this.constants).length) stmt.run(params, this.constants);
    else stmt.run(params);
  }

  async add(values: readonly unknown[]): Promise<void> {
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

  async flush(): Promise<void> {
    if (!this.filled) return;
    const rows = this.filled / this.columns.length;
    this.run(this.sqlite.prepare(this.sql(rows)), this.params.slice(0, this.filled));
    this.filled = 0;
  }
}

/** Drops triggers or explicit indexes; the restore function recreates them from their stored SQL. */
function suspend(sqlite: SQLite.Database, table: string, type: "trigger" | "index"): () => Promise<void> {
  const objects = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = ? AND type = ? AND sql IS NOT NULL")
    .all(table, type) as { name: string; sql: string }[];
  for (const o of objects) sqlite.exec(`DROP ${type.toUpperCase()} "${o.name}"`);
  return async () => {
    for (const o of objects) sqlite.exec(o.sql);
  };
}

/**
 * Runs `fn` in one IMMEDIATE transaction on the raw better-sqlite3 handle, all or nothing. Kysely's
 * single connection is held meanwhile, so no other query of this process can slip into the
 * transaction while `fn` awaits its input (a DuckDB result stream). Never call it from inside
 * another transaction of the same store: it would wait for itself.
 */
export async function sqliteBulkTransaction<T>(
  db: Kysely<Database>,
  sqlite: SQLite.Database,
  fn: (s: BulkSession) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    const session: BulkSession = {
      engine: "sqlite",
      conn,
      column: async <R>(sql: string, params: readonly unknown[] = []) =>
        sqlite
          .prepare(sql)
          .pluck()
          .all(...params) as R[],
      run: async (sql, params = []) => {
        sqlite.prepare(sql).run(...params);
      },
      insert: (table, columns, opts) => new SqliteInsert(sqlite, table, columns, opts),
      suspend: async (table, type) => suspend(sqlite, table, type),
    };
    // Index builds sort with a helper thread (SQLite's default is none).
    const threads = sqlite.pragma("threads", { simple: true }) as number;
    sqlite.pragma(`threads = ${Math.max(threads, 2)}`);
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const out = await fn(session);
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
