import { open } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CurFileFormat } from "./layout.js";
import {
  AGG_TABLE,
  aggregateSql,
  type FileColumns,
  KEY_COLUMNS,
  type KeyColumn,
  quote,
  REQUIRED_COLUMNS,
  readExpr,
} from "./reader-sql.js";

/** A period could not be read: the message starts with the file and says what is wrong. */
export class PeriodReadError extends Error {
  override readonly name = "PeriodReadError";
}

export type AggRow = Record<KeyColumn, string | null> & {
  usage_amount: number;
  cost: number;
  list_cost: number | null;
  n: number;
};

export interface LocalCurFile {
  key: string;
  path: string;
  format: CurFileFormat;
  size: number;
}

export interface PeriodRead {
  /** Bedrock-candidate lines reduced to daily keys. */
  rows: AggRow[];
  rowsRead: number;
  /** Lines that are plainly not Bedrock (filtered in DuckDB). */
  otherRows: number;
  maxDay: string | null;
  /** False when any file lacks `line_item_iam_principal` (export created without caller identity). */
  hasIamPrincipal: boolean;
  emptyFiles: string[];
}

/** Zero-byte chunks and gzip members holding nothing: the chunk-shrink trap (reference §1.2). */
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
    return false; // let DuckDB report the damage with its own words
  } finally {
    await fh.close();
  }
}

async function describe(con: DuckDBConnection, f: LocalCurFile): Promise<FileColumns | "empty"> {
  if (f.format === "parquet") {
    if (f.size === 0) return "empty";
    const meta = await con.runAndReadAll(
      `SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata(${quote(f.path)})`,
    );
    if (Number(meta.getRowObjectsJS()[0]?.n ?? 0) === 0) return "empty";
  } else if (await isEmptyCsv(f)) return "empty";
  const res = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${readExpr(f.path, f.format)}`);
  const cols: FileColumns = new Map();
  for (const r of res.getRowObjectsJS()) cols.set(String(r.column_name).toLowerCase(), String(r.column_type));
  return cols;
}

function reason(err: unknown): string {
  return ((err as Error).message ?? String(err)).split("\n")[0];
}

export async function readPeriod(
  con: DuckDBConnection,
  files: LocalCurFile[],
  onFile?: (file: LocalCurFile, rowsSoFar: number) => void,
): Promise<PeriodRead> {
  await con.run(AGG_TABLE);
  let hasIamPrincipal = files.length > 0;
  const emptyFiles: string[] = [];
  for (const f of files) {
    let cols: FileColumns | "empty";
    try {
      cols = await describe(con, f);
    } catch (err) {
      throw new PeriodReadError(`${f.key}: cannot read ${f.format} file: ${reason(err)}`);
    }
    if (cols === "empty") {
      emptyFiles.push(f.key);
      continue;
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !cols.has(c));
    if (missing.length) throw new PeriodReadError(`${f.key}: missing required column ${missing.join(", ")}`);
    if (!cols.has("line_item_iam_principal")) hasIamPrincipal = false;
    try {
      await con.run(aggregateSql(readExpr(f.path, f.format), cols, f.format));
    } catch (err) {
      throw new PeriodReadError(`${f.key}: ${reason(err)}`);
    }
    onFile?.(f, await totalRows(con));
  }
  const keys = KEY_COLUMNS.join(", ");
  const rows = await con.runAndReadAll(
    `SELECT ${keys}, sum(usage_amount) AS usage_amount, sum(cost) AS cost, sum(list_cost) AS list_cost, sum(n) AS n
     FROM agg WHERE cand GROUP BY ${keys}`,
  );
  const totals = await con.runAndReadAll(
    `SELECT coalesce(sum(n), 0) AS n, coalesce(sum(n) FILTER (WHERE NOT cand), 0) AS other, max(max_day) AS max_day FROM agg`,
  );
  const t = totals.getRowObjectsJS()[0];
  return {
    rows: rows.getRowObjectsJS() as unknown as AggRow[],
    rowsRead: Number(t.n),
    otherRows: Number(t.other),
    maxDay: (t.max_day as string | null) ?? null,
    hasIamPrincipal,
    emptyFiles,
  };
}

async function totalRows(con: DuckDBConnection): Promise<number> {
  const r = await con.runAndReadAll("SELECT coalesce(sum(n), 0) AS n FROM agg");
  return Number(r.getRowObjectsJS()[0].n);
}
