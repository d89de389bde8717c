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

/**
 * A group of columns sent as one integer code per row: code i stands for `values[i]`, one value
 * per column. Long strings repeated on many rows (a principal ARN, a tag set) then cross from JS
 * into the engine once per distinct value instead of once per row.
 */
export interface BulkDictionary {
  columns: readonly string[];
  values: readonly (readonly unknown[])[];
}

/** Rows for `insertCoded`: per row, one code per dictionary, then the other columns' values. */
export interface CodedRows {
  dictionaries: readonly BulkDictionary[];
  rows: AsyncIterable<unknown[]>;
}

/** How a bulk transaction is run. */
export interface BulkOptions {
  /**
   * The write adds many pages (a large CUR period): SQLite writes them straight into the database
   * file when no other connection has it open (sqlite-bulk.ts writeStraightToFile).
   */
  large?: boolean;
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
   * Inserts rows of `columns` given as dictionary codes plus the remaining columns (`codedLayout`):
   * each row added is `dictionaries.length + plain.length` values. No `suffix`.
   */
  insertCoded(
    table: string,
    columns: readonly string[],
    dictionaries: readonly BulkDictionary[],
    opts?: Pick<BulkInsertOptions, "constants">,
  ): BulkWriter;
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

/**
 * How coded rows map onto `columns`: every column comes from exactly one dictionary or is plain;
 * plain columns follow the codes in `columns` order. Throws when a dictionary names a column that
 * is not in `columns`, or a column is in two dictionaries (or twice in one).
 */
export function codedLayout(
  table: string,
  columns: readonly string[],
  dictionaries: readonly BulkDictionary[],
): { plain: string[]; width: number } {
  const coded = dictionaries.flatMap((d) => d.columns);
  const unknown = coded.filter((c) => !columns.includes(c));
  const doubled = coded.filter((c, i) => coded.indexOf(c) !== i);
  if (unknown.length || doubled.length)
    throw new Error(
      `${table}: dictionary columns ${[...unknown, ...doubled].join(", ")} are unknown or given twice`,
    );
  const plain = columns.filter((c) => !coded.includes(c));
  return { plain, width: dictionaries.length + plain.length };
}

/**
 * Expands coded rows into flat rows in `columns` order for a plain writer (the engines without a
 * coded fast path). A code outside its dictionary is an error, not a row of NULLs.
 */
export function decodingWriter(
  table: string,
  columns: readonly string[],
  dictionaries: readonly BulkDictionary[],
  flat: BulkWriter,
): BulkWriter {
  const { plain, width } = codedLayout(table, columns, dictionaries);
  // For each output column: [dictionary index, position in its tuple] or [-1, position among plain].
  const source = columns.map((c): [number, number] => {
    const d = dictionaries.findIndex((x) => x.columns.includes(c));
    return d >= 0 ? [d, dictionaries[d].columns.indexOf(c)] : [-1, plain.indexOf(c)];
  });
  const nd = dictionaries.length;
  return {
    get rows() {
      return flat.rows;
    },
    async add(values) {
      if (values.length % width !== 0)
        throw new Error(`${table}: ${values.length} values for ${width} coded columns`);
      const out: unknown[] = new Array((values.length / width) * columns.length);
      for (let i = 0, o = 0; i < values.length; i += width) {
        const tuples = dictionaries.map((d, k) => {
          const tuple = d.values[values[i + k] as number];
          if (!tuple) throw new Error(`${table}: code ${String(values[i + k])} is not in dictionary ${k}`);
          return tuple;
        });
        for (const [d, at] of source) out[o++] = d >= 0 ? tuples[d][at] : values[i + nd + at];
      }
      await flat.add(out);
    },
    flush: () => flat.flush(),
  };
}
