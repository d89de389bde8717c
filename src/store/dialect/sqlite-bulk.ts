import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type {
  BulkDictionary,
  BulkInsertOptions,
  BulkOptions,
  BulkSession,
  BulkWriter,
} from "./bulk-types.js";
import { codedLayout, insertHead } from "./bulk-types.js";
import { isBusy } from "./fragments.js";

/** SQLite caps bound parameters per statement (32,766); 100 rows of ≤ 30 columns stay far below. */
const ROWS_PER_STATEMENT = 100;

interface SqliteInsertOptions extends BulkInsertOptions {
  /** Builds the statement for `rows` rows (default: INSERT … VALUES). */
  statement?: (rows: number) => string;
  /** Checks each run's changes against the rows it bound. */
  onRun?: (changes: number, rows: number) => void;
}

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
    private readonly opts: SqliteInsertOptions = {},
  ) {
    this.constants = opts.constants ?? {};
    this.full = sqlite.prepare(this.sql(ROWS_PER_STATEMENT));
    this.params = new Array(ROWS_PER_STATEMENT * columns.length);
  }

  private sql(rows: number): string {
    if (this.opts.statement) return this.opts.statement(rows);
    const names = Object.keys(this.constants);
    const tuple = `(${[...names.map((n) => `@${n}`), ...this.columns.map(() => "?")].join(", ")})`;
    const head = insertHead(this.table, this.columns, this.constants);
    return `${head} VALUES ${Array(rows).fill(tuple).join(", ")} ${this.opts.suffix ?? ""}`;
  }

  private run(stmt: SQLite.Statement, params: unknown[]): void {
    const r = Object.keys(this.constants).length ? stmt.run(params, this.constants) : stmt.run(params);
    this.opts.onRun?.(r.changes, params.length / this.columns.length);
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

let dictionaryTables = 0;

/**
 * Coded rows: the dictionaries go into temporary tables once, and each 100-row statement binds
 * only the codes and the plain values; SQLite joins the strings back in (`INSERT … SELECT` over
 * the bound VALUES). At high cardinality this halves the insert time: binding a long JS string
 * costs more than SQLite looking it up by integer key (docs/performance.md).
 */
class SqliteCodedInsert implements BulkWriter {
  private readonly flat: SqliteInsert;
  private readonly tables: string[];
  private readonly dictionaries: readonly BulkDictionary[];
  private readonly plain: string[];
  rows = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly table: string,
    columns: readonly string[],
    dictionaries: readonly BulkDictionary[],
    opts: Pick<BulkInsertOptions, "constants">,
  ) {
    const { plain } = codedLayout(table, columns, dictionaries);
    this.plain = plain;
    this.dictionaries = dictionaries;
    this.tables = dictionaries.map((d) => {
      const name = `bulk_dict_${++dictionaryTables}`;
      const cols = d.columns.map((c) => `"${c}"`).join(", ");
      sqlite.exec(`CREATE TEMP TABLE ${name} (id INTEGER PRIMARY KEY, ${cols})`);
      const add = sqlite.prepare(
        `INSERT INTO temp.${name} VALUES (${["?", ...d.columns.map(() => "?")].join(", ")})`,
      );
      for (const [id, tuple] of d.values.entries()) add.run(id, ...tuple);
      return name;
    });
    const width = dictionaries.length + plain.length;
    // The statements themselves are the flat writer's, over `width` columns of VALUES.
    this.flat = new SqliteInsert(
      sqlite,
      table,
      Array.from({ length: width }, (_, i) => `column${i + 1}`),
      {
        ...opts,
        statement: (rows) => this.sql(rows, width, opts.constants ?? {}, columns),
        onRun: (changes, rows) => {
          if (changes !== rows)
            throw new Error(`${this.table}: ${rows - changes} row(s) carry a code outside their dictionary`);
        },
      },
    );
  }

  private sql(rows: number, width: number, constants: Record<string, unknown>, columns: readonly string[]) {
    const names = Object.keys(constants);
    const select = columns.map((c) => {
      const d = this.dictionaries.findIndex((x) => x.columns.includes(c));
      return d >= 0 ? `d${d}."${c}"` : `x.column${this.dictionaries.length + this.plain.indexOf(c) + 1}`;
    });
    const tuple = `(${Array(width).fill("?").join(", ")})`;
    // CROSS JOIN keeps SQLite's join order: the VALUES outside, in row order; each code a key lookup.
    const joins = this.tables.map((t, d) => `CROSS JOIN temp.${t} AS d${d}`).join(" ");
    const where = this.tables.map((_, d) => `d${d}.id = x.column${d + 1}`).join(" AND ");
    return `${insertHead(this.table, columns, constants)} SELECT ${[...names.map((n) => `@${n}`), ...select].join(", ")}
      FROM (VALUES ${Array(rows).fill(tuple).join(", ")}) AS x ${joins} WHERE ${where}`;
  }

  async add(values: readonly unknown[]): Promise<void> {
    await this.flat.add(values);
    this.rows = this.flat.rows;
  }

  /** Writes the rows still buffered and drops the dictionaries: the writer is done after this. */
  async flush(): Promise<void> {
    await this.flat.flush();
    for (const t of this.tables) this.sqlite.exec(`DROP TABLE IF EXISTS temp.${t}`);
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
 * For a large write, leaves WAL mode for the rollback journal while this connection has the file
 * to itself: in WAL mode every page of the write is written twice (into the WAL, then copied into
 * the file by the checkpoint at commit) and the index builds read the new pages back through the
 * WAL index. An 8M-line CUR period's store phase: 9.1-9.9 s → 5.7-6.1 s. New pages go straight
 * into the file; the journal holds only the pages the write changes, so the write stays atomic.
 * `synchronous = FULL` is the rollback journal's durable setting (NORMAL is only safe with WAL).
 * Returns the function that goes back to WAL, or null when another connection has the file open
 * (SQLite refuses to leave WAL then): the write goes through the WAL as usual.
 */
function writeStraightToFile(sqlite: SQLite.Database): (() => void) | null {
  if (sqlite.memory || sqlite.inTransaction) return null;
  try {
    if (sqlite.pragma("journal_mode = DELETE", { simple: true }) !== "delete") return null;
  } catch (err) {
    if (isBusy(err)) return null;
    throw err;
  }
  const synchronous = sqlite.pragma("synchronous", { simple: true }) as number;
  sqlite.pragma("synchronous = FULL");
  return () => {
    if (!backToWal(sqlite)) return; // durable as it is (FULL); the next openDb sets WAL again
    sqlite.pragma(`synchronous = ${synchronous}`);
  };
}

/**
 * Back into WAL mode after the write. SQLite can refuse (SQLITE_BUSY, seen while another
 * connection of this process is in the middle of a read): the write is committed either way and
 * must not be reported as failed for this. The file then stays under the rollback journal, durable
 * with `synchronous = FULL`, until the next openDb or large write sets WAL mode again.
 */
export function backToWal(sqlite: SQLite.Database): boolean {
  try {
    return sqlite.pragma("journal_mode = WAL", { simple: true }) === "wal";
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
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
  opts: BulkOptions = {},
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
      insertCoded: (table, columns, dictionaries, opts = {}) =>
        dictionaries.length
          ? new SqliteCodedInsert(sqlite, table, columns, dictionaries, opts)
          : new SqliteInsert(sqlite, table, columns, opts),
      suspend: async (table, type) => suspend(sqlite, table, type),
    };
    // No sorter helper threads (`PRAGMA threads`) for the index builds: on 2 cores, beside DuckDB
    // computing the rollup, they made the five builds slower (3.4 s → 3.8–4.7 s at 8M lines).
    // Without the memory map (db.ts) while writing: a restated period's old pages, read to delete
    // them, would otherwise count in this process's RSS, which the ingest keeps bounded.
    const mmap = sqlite.pragma("mmap_size", { simple: true }) as number;
    sqlite.pragma("mmap_size = 0");
    const restoreWal = opts.large ? writeStraightToFile(sqlite) : null;
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const out = await fn(session);
      sqlite.exec("COMMIT");
      return out;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw err;
    } finally {
      restoreWal?.();
      sqlite.pragma(`mmap_size = ${mmap}`);
    }
  });
}
