import type { DuckDBConnection } from "@duckdb/node-api";
import { isOutOfMemory } from "./duck.js";
import type { CurFileFormat } from "./layout.js";
import { describeFile, resultRows } from "./reader-files.js";
import {
  AGG_TABLE,
  csvSql,
  type FileColumns,
  KEY_COLUMNS,
  marketplaceNamesSql,
  parquetOneScanSql,
  parquetSql,
  parquetTotalsSql,
  REQUIRED_COLUMNS,
  readExpr,
} from "./reader-sql.js";
import type { LocalCurFile } from "./reader-types.js";

/** A period could not be read: the message starts with the file and says what is wrong. */
export class PeriodReadError extends Error {
  override readonly name: string = "PeriodReadError";
}

/** A scan needed more memory than DuckDB's cap: the files are fine, a larger cap reads them. */
export class ScanMemoryError extends PeriodReadError {
  override readonly name = "ScanMemoryError";
}

/** What was read; the Bedrock-candidate lines themselves are in DuckDB table `agg`, by daily key. */
export interface PeriodRead {
  rowsRead: number;
  /** Lines that are plainly not Bedrock (filtered in DuckDB). */
  otherRows: number;
  maxDay: string | null;
  /** False when any file lacks `line_item_iam_principal` (export created without caller identity). */
  hasIamPrincipal: boolean;
  emptyFiles: string[];
}

function reason(err: unknown): string {
  return ((err as Error).message ?? String(err)).split("\n")[0];
}

/**
 * Marketplace product codes whose name is a Bedrock edition, with that name; null when a code has
 * several such names (then the names must be read per line: parquetSql).
 */
async function bedrockEditions(
  con: DuckDBConnection,
  source: string,
  cols: FileColumns,
): Promise<[string, string][] | null> {
  const names = new Map<string, string>();
  for (const r of resultRows(await con.runAndReadAll(marketplaceNamesSql(source, cols)))) {
    const [code, name] = [r.code as string | null, r.name as string | null];
    if (!name || !/bedrock/i.test(name)) continue;
    if (code === null || (names.has(code) && names.get(code) !== name)) return null;
    names.set(code, name);
  }
  return [...names];
}

/** Adds the files' Bedrock candidates to `agg`; returns their line count and newest usage day. */
async function aggregate(
  con: DuckDBConnection,
  paths: string[],
  format: CurFileFormat,
  cols: FileColumns,
): Promise<{ rows: number; maxDay: string | null }> {
  const source = readExpr(paths, format);
  if (format === "parquet") {
    const names = await bedrockEditions(con, source, cols);
    const stmts = names ? [parquetOneScanSql(source, cols, names)] : parquetSql(source, cols);
    for (const stmt of stmts) await con.run(stmt);
    const [t] = resultRows(await con.runAndReadAll(parquetTotalsSql(source)));
    return { rows: Number(t.n), maxDay: (t.max_day as string | null) ?? null };
  }
  await con.run(csvSql(source, cols));
  await con.run(
    `INSERT INTO agg SELECT ${KEY_COLUMNS.join(", ")}, usage_amount, cost, list_cost, n FROM file_agg WHERE cand`,
  );
  const [t] = resultRows(
    await con.runAndReadAll("SELECT sum(n) AS n, max(max_day) AS max_day FROM file_agg"),
  );
  return { rows: Number(t.n ?? 0), maxDay: (t.max_day as string | null) ?? null };
}

/**
 * Files of a format in scans of up to SCAN_BYTES each: one scan per file would pay a setup per file,
 * one scan of every file holds more memory at once than the memory limit allows for a large
 * period (DuckDB then fails to pin memory instead of spilling). Keys split across scans merge later.
 */
async function aggregateAll(con: DuckDBConnection, files: LocalCurFile[], cols: FileColumns) {
  const total = { rows: 0, maxDay: null as string | null };
  for (const batch of batches(files)) {
    const t = await aggregateBatch(con, batch, cols);
    total.rows += t.rows;
    if (t.maxDay && (!total.maxDay || t.maxDay > total.maxDay)) total.maxDay = t.maxDay;
  }
  return total;
}

const SCAN_BYTES = 128 * 1024 * 1024;

function batches(files: LocalCurFile[]): LocalCurFile[][] {
  const out: LocalCurFile[][] = [];
  let bytes = Number.POSITIVE_INFINITY;
  for (const f of files) {
    if (bytes + f.size > SCAN_BYTES) {
      out.push([]);
      bytes = 0;
    }
    out[out.length - 1].push(f);
    bytes += f.size;
  }
  return out;
}

/** Damage inside a data page only shows up while scanning: on failure, each file is scanned alone. */
async function aggregateBatch(con: DuckDBConnection, files: LocalCurFile[], cols: FileColumns) {
  try {
    return await aggregate(
      con,
      files.map((f) => f.path),
      files[0].format,
      cols,
    );
  } catch (err) {
    const keys = files.map((f) => f.key).join(", ");
    if (isOutOfMemory(err)) throw new ScanMemoryError(`${keys}: ${reason(err)}`);
    for (const f of files) {
      await con.run(AGG_TABLE); // the period fails either way; the probe only names the file
      try {
        await aggregate(con, [f.path], f.format, cols);
      } catch (fileErr) {
        throw new PeriodReadError(`${f.key}: ${reason(fileErr)}`);
      }
    }
    throw new PeriodReadError(`${keys}: ${reason(err)}`);
  }
}

export async function readPeriod(
  con: DuckDBConnection,
  files: LocalCurFile[],
  /** Called while DuckDB scans (rows scanned by the running query) and after each format group. */
  onProgress?: (rowsScanned: number, files: number) => void,
): Promise<PeriodRead> {
  await con.run(AGG_TABLE);
  const emptyFiles: string[] = [];
  const byFormat = new Map<CurFileFormat, { files: LocalCurFile[]; cols: FileColumns }>();
  let hasIamPrincipal = files.length > 0;
  for (const f of files) {
    const cols = await describeFile(con, f).catch((err) => {
      throw new PeriodReadError(`${f.key}: cannot read ${f.format} file: ${reason(err)}`);
    });
    if (cols === "empty") {
      emptyFiles.push(f.key);
      continue;
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !cols.has(c));
    if (missing.length) throw new PeriodReadError(`${f.key}: missing required column ${missing.join(", ")}`);
    if (!cols.has("line_item_iam_principal")) hasIamPrincipal = false;
    const group = byFormat.get(f.format) ?? { files: [] as LocalCurFile[], cols: new Map<string, string>() };
    group.files.push(f);
    for (const [name, type] of cols) if (!group.cols.has(name)) group.cols.set(name, type);
    byFormat.set(f.format, group);
  }
  let rowsRead = 0;
  let maxDay: string | null = null;
  for (const { files: group, cols } of byFormat.values()) {
    // DuckDB tracks query progress when its progress bar is enabled (printing stays off).
    let shown = 0; // the group runs several scans; report the furthest one, never going back
    const poll = setInterval(() => {
      const scanned = Number(con.progress.rows_processed);
      if (scanned <= shown) return;
      shown = scanned;
      onProgress?.(rowsRead + shown, group.length);
    }, 250);
    try {
      const t = await aggregateAll(con, group, cols);
      rowsRead += t.rows;
      if (t.maxDay && (!maxDay || t.maxDay > maxDay)) maxDay = t.maxDay;
    } finally {
      clearInterval(poll);
    }
    onProgress?.(rowsRead, group.length);
  }
  const [t] = resultRows(await con.runAndReadAll("SELECT coalesce(sum(n), 0)::DOUBLE AS n FROM agg"));
  return { rowsRead, otherRows: rowsRead - Number(t.n), maxDay, hasIamPrincipal, emptyFiles };
}
