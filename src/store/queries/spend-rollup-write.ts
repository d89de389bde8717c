import type { BulkSession } from "../bulk.js";
import { ROLLUP_ROW_COLUMNS } from "../schema-estimate.js";
import { MONTH_DIM, monthsOf, rebuildMonths, rollupDims } from "./spend-rollup-months.js";

/**
 * Writing the spend rollup (schema-estimate.ts) from rows a bulk writer computed itself, instead
 * of marking days dirty row by row and rebuilding them with one GROUP BY per dimension.
 */

type Src = "billed" | "estimated";

/** Which of `days` still have rows in `table` (a range scan on the day index). */
export async function daysWithRows(
  s: BulkSession,
  table: "cost_daily",
  days: string[],
): Promise<Set<string>> {
  if (!days.length) return new Set();
  const sorted = [...days].sort();
  const found = await s.column<string>(`SELECT DISTINCT day FROM ${table} WHERE day >= ? AND day <= ?`, [
    sorted[0],
    sorted.at(-1),
  ]);
  const wanted = new Set(days);
  return new Set(found.filter((d) => wanted.has(d)));
}

/** Deletes the rollup rows of `days` for `src`. */
async function clearDays(s: BulkSession, src: Src, days: string[]): Promise<void> {
  const all = (await rollupDims(s.conn, src)).filter((d) => !d.startsWith(MONTH_DIM));
  for (let i = 0; i < days.length; i += 500) {
    const part = days.slice(i, i + 500);
    const list = part.map(() => "?").join(", ");
    const del = `DELETE FROM spend_rollup WHERE src = ? AND dim = ? AND day IN (${list})`;
    for (const dim of all) await s.run(del, [src, dim, ...part]);
    await s.run(`DELETE FROM spend_rollup_dirty WHERE src = ? AND day IN (${list})`, [src, ...part]);
  }
}

/**
 * Replaces the rollup of `days` with `rows` (flat, ROLLUP_ROW_COLUMNS order), inside the caller's
 * transaction. `rows` must be the complete rollup of those days, except for the `shared` days
 * (also holding other rows the writer did not see): those are marked dirty and their rows skipped,
 * so the next refresh rebuilds them from the table.
 */
export async function replaceRollupDays(
  s: BulkSession,
  src: Src,
  days: string[],
  shared: Set<string>,
  rows: AsyncIterable<unknown[]>,
): Promise<void> {
  await clearDays(
    s,
    src,
    days.filter((d) => !shared.has(d)),
  );
  const width = ROLLUP_ROW_COLUMNS.length;
  const ins = s.insert("spend_rollup", ROLLUP_ROW_COLUMNS, { constants: { src } });
  for await (const chunk of rows) {
    if (!shared.size) {
      await ins.add(chunk);
      continue;
    }
    for (let i = 0; i < chunk.length; i += width)
      if (!shared.has(chunk[i] as string)) await ins.add(chunk.slice(i, i + width));
  }
  await ins.flush();
  const mark = s.insert("spend_rollup_dirty", ["day"], {
    constants: { src },
    suffix: "ON CONFLICT DO NOTHING",
  });
  for (const d of shared) await mark.add([d]);
  await mark.flush();
  // The shared days' months are rebuilt again by the refresh that rebuilds those days.
  await rebuildMonths(s.conn, src, monthsOf(days));
}
