import type SQLite from "better-sqlite3";
import { BulkInsert } from "../bulk.js";

/**
 * Writing the spend rollup (schema-estimate.ts) from rows a bulk writer computed itself, instead
 * of marking days dirty row by row and rebuilding them with one GROUP BY per dimension.
 */

/** The rollup columns a bulk writer supplies, in this order (`src` is set here). */
export const ROLLUP_ROW_COLUMNS = [
  "day",
  "dim",
  "key",
  "account_name",
  "lines",
  "priced_lines",
  "cost",
  "tokens",
  "unpriced_tokens",
  "principal_cost",
  "tagged_cost",
] as const;

type Src = "billed" | "estimated";

/** Which of `days` still have rows in `table` (a range scan on the day index). */
export function daysWithRows(sqlite: SQLite.Database, table: "cost_daily", days: string[]): Set<string> {
  if (!days.length) return new Set();
  const sorted = [...days].sort();
  const found = sqlite
    .prepare(`SELECT DISTINCT day FROM ${table} WHERE day >= ? AND day <= ?`)
    .pluck()
    .all(sorted[0], sorted.at(-1)) as string[];
  const wanted = new Set(days);
  return new Set(found.filter((d) => wanted.has(d)));
}

/** Every dimension present for `src`: one index seek per dimension, not a scan of the rollup. */
function dims(sqlite: SQLite.Database, src: Src): string[] {
  const next = sqlite
    .prepare("SELECT dim FROM spend_rollup WHERE src = ? AND dim > ? ORDER BY dim LIMIT 1")
    .pluck();
  const out: string[] = [];
  for (let d = next.get(src, "") as string | undefined; d !== undefined; d = next.get(src, d) as string) {
    out.push(d);
  }
  return out;
}

/** Deletes the rollup rows of `days` for `src`. */
function clearDays(sqlite: SQLite.Database, src: Src, days: string[]): void {
  for (let i = 0; i < days.length; i += 500) {
    const part = days.slice(i, i + 500);
    const list = part.map(() => "?").join(", ");
    const del = sqlite.prepare(`DELETE FROM spend_rollup WHERE src = ? AND dim = ? AND day IN (${list})`);
    for (const dim of dims(sqlite, src)) del.run(src, dim, ...part);
    sqlite.prepare(`DELETE FROM spend_rollup_dirty WHERE src = ? AND day IN (${list})`).run(src, ...part);
  }
}

/**
 * Replaces the rollup of `days` with `rows` (flat, ROLLUP_ROW_COLUMNS order), inside the caller's
 * transaction. `rows` must be the complete rollup of those days, except for the `shared` days
 * (also holding other rows the writer did not see): those are marked dirty and their rows skipped,
 * so the next refresh rebuilds them from the table.
 */
export async function replaceRollupDays(
  sqlite: SQLite.Database,
  src: Src,
  days: string[],
  shared: Set<string>,
  rows: AsyncIterable<unknown[]>,
): Promise<void> {
  clearDays(
    sqlite,
    src,
    days.filter((d) => !shared.has(d)),
  );
  const width = ROLLUP_ROW_COLUMNS.length;
  const ins = new BulkInsert(sqlite, "spend_rollup", ROLLUP_ROW_COLUMNS, { constants: { src } });
  for await (const chunk of rows) {
    if (!shared.size) {
      ins.add(chunk);
      continue;
    }
    for (let i = 0; i < chunk.length; i += width)
      if (!shared.has(chunk[i] as string)) ins.add(chunk.slice(i, i + width));
  }
  ins.flush();
  const mark = sqlite.prepare("INSERT OR IGNORE INTO spend_rollup_dirty (src, day) VALUES (?, ?)");
  for (const d of shared) mark.run(src, d);
}
