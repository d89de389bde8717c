import { open } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { DuckDBConnection, DuckDBResultReader } from "@duckdb/node-api";
import { type FileColumns, quote, readExpr } from "./reader-sql.js";
import type { LocalCurFile } from "./reader-types.js";

/** Zero-byte chunks and gzip members holding nothing: the chunk-shrink trap (docs/aws-data.md §1.2). */
async function isEmptyCsv(f: LocalCurFile): Promise<boolean> {
  if (f.size === 0) return true;
  if (f.size > 4096) return false;
  const fh = await open(f.path, "r");
  try {
    const buf = Buffer.alloc(f.size);
    await fh.read(buf, 0, f.size, 0);
    const text = /\.gz$/i.test(f.path) ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
    return text.trim() === "";
  } catch {
    return false; // let DuckDB report the damage in its own words
  } finally {
    await fh.close();
  }
}

/** Column names (lower-cased) → DuckDB types, or "empty" for a chunk without lines. */
export async function describeFile(con: DuckDBConnection, f: LocalCurFile): Promise<FileColumns | "empty"> {
  if (f.format === "parquet") {
    if (f.size === 0) return "empty";
    const [meta] = resultRows(
      await con.runAndReadAll(
        `SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata(${quote(f.path)})`,
      ),
    );
    if (Number(meta?.n ?? 0) === 0) return "empty";
  } else if (await isEmptyCsv(f)) return "empty";
  const res = resultRows(await con.runAndReadAll(`DESCRIBE SELECT * FROM ${readExpr(f.path, f.format)}`));
  return new Map(res.map((r) => [String(r.column_name).toLowerCase(), String(r.column_type)]));
}

/** Rows as plain objects, built from columns (much faster than the row-object accessor). */
export function resultRows(result: DuckDBResultReader): Record<string, unknown>[] {
  const names = result.columnNames();
  const columns = result.getColumnsJS();
  const count = columns[0]?.length ?? 0;
  const out: Record<string, unknown>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][i];
    out[i] = row;
  }
  return out;
}
