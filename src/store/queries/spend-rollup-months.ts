import { type Kysely, sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import { addDays, addMonths, monthEnd, monthOf, monthStart } from "../../util/dates.js";
import type { Database } from "../schema.js";
import { ROLLUP_ROW_COLUMNS } from "../schema-estimate.js";

/**
 * Month rows of the spend rollup: for each dimension `<dim>`, rows of dimension `month:<dim>` whose
 * `day` is the month (`YYYY-MM`) and whose sums are those of the dimension's day rows in that
 * month. A question over a year that does not group by day reads 13 rows per value instead of
 * ~395 (a tag with 400 values a day: 5k rows instead of 120k). A 7-character `day` never matches
 * a day range or a day in a list, so readers and writers of the day rows never see them.
 *
 * Derived from the day rows, never from the raw lines: every writer of day rows (the refresh of
 * dirty days, the CUR bulk replace) calls rebuildMonths for the months it touched, in the same
 * transaction.
 */

export const MONTH_DIM = "month:";
type Src = "billed" | "estimated";

/** The rollup's columns, for INSERT … SELECT. */
export const ROLLUP_SQL_COLUMNS = sql.raw(["src", ...ROLLUP_ROW_COLUMNS].join(", "));

/** Every dimension present for `src` (day and month rows): one index seek each, not a scan. */
export async function rollupDims(db: Kysely<Database>, src: Src): Promise<string[]> {
  const next = async (after: string) =>
    (
      await db
        .selectFrom("spend_rollup")
        .select("dim")
        .where("src", "=", src)
        .where("dim", ">", after)
        .orderBy("dim")
        .limit(1)
        .executeTakeFirst()
    )?.dim;
  const out: string[] = [];
  for (let d = await next(""); d !== undefined; d = await next(d)) out.push(d);
  return out;
}

/** The distinct months of `days`, sorted. */
export function monthsOf(days: Iterable<string>): string[] {
  return [...new Set([...days].map(monthOf))].sort();
}

/** Replaces the month rows of `months` for `src` with the sums of their day rows. */
export async function rebuildMonths(db: Kysely<Database>, src: Src, months: string[]): Promise<void> {
  if (!months.length) return;
  const dims = await rollupDims(db, src);
  for (let i = 0; i < months.length; i += 500) {
    const part = months.slice(i, i + 500);
    for (const dim of dims.filter((d) => d.startsWith(MONTH_DIM)))
      await db
        .deleteFrom("spend_rollup")
        .where("src", "=", src)
        .where("dim", "=", dim)
        .where("day", "in", part)
        .execute();
    const inMonths = sql`substr(day, 1, 7) IN (${sql.join(part)})`;
    for (const dim of dims.filter((d) => !d.startsWith(MONTH_DIM)))
      await sql`INSERT INTO spend_rollup (${ROLLUP_SQL_COLUMNS})
        SELECT ${src}, substr(day, 1, 7), ${MONTH_DIM + dim}, key, key2, max(account_name), sum(lines),
          sum(priced_lines), sum(cost), sum(tokens), sum(unpriced_tokens), sum(principal_cost),
          sum(tagged_cost)
        FROM spend_rollup
        WHERE src = ${src} AND dim = ${dim} AND day >= ${monthStart(part[0])}
          AND day <= ${monthEnd(part.at(-1) as string)} AND ${inMonths}
        GROUP BY substr(day, 1, 7), key, key2`.execute(db);
  }
}

/** A part of a question's day range, read from day rows or (whole months) from month rows. */
export interface RollupSpan {
  /** Days (`YYYY-MM-DD`) or, when monthly, months (`YYYY-MM`), both ends included. */
  from: string;
  to: string;
  monthly: boolean;
}

/**
 * Splits `range` into the days before its first whole month, its whole months, and the days after
 * them. Only for questions that do not group by day (a month row has no days).
 */
export function rollupSpans(range: DayRange, byDay: boolean): RollupSpan[] {
  const first = range.from.endsWith("-01") ? monthOf(range.from) : addMonths(monthOf(range.from), 1);
  const last =
    range.to === monthEnd(monthOf(range.to)) ? monthOf(range.to) : addMonths(monthOf(range.to), -1);
  if (byDay || first > last) return [{ ...range, monthly: false }];
  const spans: RollupSpan[] = [];
  if (range.from < monthStart(first))
    spans.push({ from: range.from, to: addDays(monthStart(first), -1), monthly: false });
  spans.push({ from: first, to: last, monthly: true });
  if (range.to > monthEnd(last))
    spans.push({ from: addDays(monthEnd(last), 1), to: range.to, monthly: false });
  return spans;
}
