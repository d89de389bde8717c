import type { DuckDBConnection, DuckDBVector } from "@duckdb/node-api";

/**
 * Small DuckDB helpers for the ingest: results are read chunk by chunk (2,048 rows), never whole,
 * and lookup tables computed in JS go back through an appender.
 */

export type Cell = string | number | boolean | null;

/**
 * DuckDB's memory cap during an ingest, and the cap a period's read is retried under when a scan
 * could not get the memory it needs. Past the cap, DuckDB spills its tables, joins and aggregates
 * to the temp directory, so the process's peak does not grow with the number of daily keys
 * (docs/performance.md, "CUR ingest at high cardinality"). Scans are the exception: a row group
 * being decoded is pinned, and a file with large row groups (not seen in our generated exports;
 * AWS does not document its Parquet layout) can need more than the cap.
 */
export interface DuckMemory {
  limit: string;
  fallback: string;
}
export const DUCK_MEMORY: DuckMemory = { limit: "200MB", fallback: "1GB" };

export function isOutOfMemory(err: unknown): boolean {
  return /Out of Memory Error/.test((err as Error)?.message ?? "");
}

/** One result chunk: its row count and a reader per column. */
export interface Chunk {
  rows: number;
  columns: DuckDBVector[];
}

/** Streams the result of `sql` chunk by chunk. */
export async function* chunks(con: DuckDBConnection, sql: string): AsyncGenerator<Chunk> {
  const result = await con.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const columns: DuckDBVector[] = [];
    for (let i = 0; i < chunk.columnCount; i++) columns.push(chunk.getColumnVector(i));
    yield { rows: chunk.rowCount, columns };
  }
}

/** Streams the result of `sql` as rows of plain values (for small results and distinct keys). */
export async function* rows(con: DuckDBConnection, sql: string): AsyncGenerator<Cell[]> {
  for await (const c of chunks(con, sql)) {
    for (let r = 0; r < c.rows; r++) {
      const row: Cell[] = [];
      for (const col of c.columns) row.push(toCell(col.getItem(r)));
      yield row;
    }
  }
}

function toCell(v: unknown): Cell {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN";

/** Creates temp table `name` with `columns` and returns a function appending one row. */
export async function tableWriter(
  con: DuckDBConnection,
  name: string,
  columns: [string, ColumnType][],
): Promise<{ add(row: Cell[]): void; close(): void }> {
  await con.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns.map(([c, t]) => `${c} ${t}`).join(", ")})`);
  const app = await con.createAppender(name);
  const types = columns.map(([, t]) => t);
  return {
    add(row) {
      for (let i = 0; i < types.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) app.appendNull();
        else if (types[i] === "VARCHAR") app.appendVarchar(String(v));
        else if (types[i] === "INTEGER") app.appendInteger(Number(v));
        else if (types[i] === "DOUBLE") app.appendDouble(Number(v));
        else app.appendBoolean(Boolean(v));
      }
      app.endRow();
    },
    close: () => app.closeSync(),
  };
}

/** Numbers distinct values: `code(v)` returns v's index, adding it on first sight. */
export function coder<T>(values: T[] = []): (v: T) => number {
  const ids = new Map<T, number>(values.map((v, i) => [v, i]));
  return (v) => {
    let id = ids.get(v);
    if (id === undefined) {
      id = values.length;
      values.push(v);
      ids.set(v, id);
    }
    return id;
  };
}
