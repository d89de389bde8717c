import { sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import { addDays, monthEnd, monthOf, monthStart } from "../../util/dates.js";
import type { Db } from "../db.js";
import { checkGroupKey, FILTER_COLUMNS, type SpendPart } from "./spend-parts.js";
import { dimColumns, dimFor } from "./spend-rollup.js";
import { MONTH_DIM, type RollupSpan, rollupSpans } from "./spend-rollup-months.js";
import type { SpendFilters, SpendQuery } from "./spend-types.js";

/**
 * Reading the spend rollup (spend-rollup.ts): which rollup rows answer a question (rollupPlan), and
 * the query parts that read them, day rows and month rows, with the same columns as the raw-row
 * part (spend-parts.ts tablePart).
 */

type Src = "billed" | "estimated";

/**
 * The rollup rows that answer a query: one dimension, and when the query filters on it, the keys
 * the filter keeps (rollup rows of a dimension partition its lines by key, so the kept rows sum to
 * exactly what the filtered raw rows would). A pair dimension keeps `keys` on its first column and
 * `keys2` on its second.
 */
export interface RollupPlan {
  dim: string;
  keys?: string[];
  keys2?: string[];
}

const ROLLUP_MAX_KEYS = 500;

/** Every dimension `f` filters on, with its kept keys (repeated values once). */
function filteredDims(f: SpendFilters | undefined): Map<string, string[]> {
  const on = new Map<string, string[]>();
  for (const d of FILTER_COLUMNS) if (f?.[d]?.length) on.set(d, [...new Set(f[d])]);
  if (f?.tag) {
    checkGroupKey(`tag:${f.tag.key}`); // the same error as the raw path for a bad key
    on.set(`tag:${f.tag.key}`, [f.tag.value]);
  }
  return on;
}

/**
 * How the rollup answers `q`, or null when it needs the raw rows: the columns it groups by (besides
 * the day) and filters on must all belong to one rollup dimension.
 */
export function rollupPlan(q: SpendQuery): RollupPlan | null {
  const others = q.groupBy.filter((k) => k !== "day");
  if (new Set(others).size < others.length || q.groupBy.length - others.length > 1) return null;
  const filters = filteredDims(q.filters);
  const dim = dimFor([...new Set([...others, ...filters.keys()])]);
  if (dim === null) return null;
  const plan: RollupPlan = { dim };
  const [first, second] = dimColumns(dim);
  if (first && filters.has(first)) plan.keys = filters.get(first);
  if (second && filters.has(second)) plan.keys2 = filters.get(second);
  // Each key is a bound parameter, repeated per source and in the totals: past a few hundred the
  // raw rows (one IN list per source) stay under SQLite's 32,766 parameters.
  if ((plan.keys?.length ?? 0) + (plan.keys2?.length ?? 0) > ROLLUP_MAX_KEYS) return null;
  return plan;
}

const sumCols = (p: string) => [
  sql`${sql.ref(`${p}.cost`)}`.as("cost"),
  sql`${sql.ref(`${p}.tokens`)}`.as("tokens"),
  sql`${sql.ref(`${p}.unpriced_tokens`)}`.as("unpriced_tokens"),
  sql`${sql.ref(`${p}.principal_cost`)}`.as("principal_cost"),
  sql`${sql.ref(`${p}.tagged_cost`)}`.as("tagged_cost"),
];

/**
 * Parts reading the rollup for one source; same columns as tablePart. `spanned` is the range split
 * into day and month spans (default `range`; see monthAlignedRange).
 */
export function rollupParts(
  db: Db,
  src: Src,
  range: DayRange,
  q: SpendQuery,
  plan: RollupPlan,
  spanned: DayRange = range,
): SpendPart[] {
  return rollupSpans(spanned, q.groupBy.includes("day")).flatMap((span) => spanParts(db, src, span, q, plan));
}

/**
 * `range` widened to the first and last day of its end months where the rollup holds no day of
 * the source in between, so that a month row can stand for the days asked: a month-to-date
 * question on data through yesterday sums the month's rows (4,430 by principal on the 13-month
 * high-cardinality store) instead of every day's (30,071). Exact: the added days have no rows.
 */
export async function monthAlignedRange(db: Db, src: Src, range: DayRange): Promise<DayRange> {
  const start = monthStart(monthOf(range.from));
  const end = monthEnd(monthOf(range.to));
  // Day rows only: a month row's day is `YYYY-MM`, which sorts before the month's first day.
  const noDays = async (from: string, to: string) =>
    !(await db
      .selectFrom("spend_rollup")
      .select("day")
      .where("src", "=", src)
      .where("dim", "=", "*")
      .where("day", ">=", from)
      .where("day", "<=", to)
      .limit(1)
      .executeTakeFirst());
  return {
    from: range.from > start && (await noDays(start, addDays(range.from, -1))) ? start : range.from,
    to: range.to < end && (await noDays(addDays(range.to, 1), end)) ? end : range.to,
  };
}

/** The parts of one span: its day rows, or its month rows (`month:<dim>`) for whole months. */
function spanParts(db: Db, src: Src, span: RollupSpan, q: SpendQuery, plan: RollupPlan): SpendPart[] {
  const { dim } = plan;
  const rows = (alias: "r" | "t", d: string) => {
    const qb = db
      .selectFrom(`spend_rollup as ${alias}`)
      .where(`${alias}.src`, "=", src)
      .where(`${alias}.dim`, "=", span.monthly ? MONTH_DIM + d : d)
      .where(`${alias}.day`, ">=", span.from)
      .where(`${alias}.day`, "<=", span.to);
    // Restates what a month row is, so the planner may read spend_rollup_month_key (in key order).
    return span.monthly ? qb.where(sql<boolean>`length(${sql.ref(`${alias}.day`)}) = 7`) : qb;
  };
  const second = dimColumns(dim)[1];
  const column = (k: string) => sql.ref(k === second ? "r.key2" : "r.key");
  const keys = (alias: string, value: (k: string) => ReturnType<typeof sql>) =>
    q.groupBy.map((k, i) => (k === "day" ? sql.ref(`${alias}.day`) : value(k)).as(`k${i}`));
  let kept = rows("r", dim);
  if (plan.keys) kept = kept.where("r.key", "in", plan.keys);
  if (plan.keys2) kept = kept.where("r.key2", "in", plan.keys2);
  // Like the raw rows: an account name only when grouped by account (a filter alone does not name).
  const name = q.groupBy.includes("account") ? sql.ref("r.account_name") : sql`NULL`;
  // Without the day a span's rows are summed per value where they are read: month rows come in
  // value order from spend_rollup_month_key, so the final grouping sorts thousands of sums, not
  // every row (a year by principal: 88k rows).
  const main = q.groupBy.includes("day")
    ? kept.select([...keys("r", column), name.as("account_name"), ...sumCols("r")])
    : kept
        .select([
          ...keys("r", column),
          sql`max(${name})`.as("account_name"),
          sql`sum(r.cost)`.as("cost"),
          ...["tokens", "unpriced_tokens", "principal_cost", "tagged_cost"].map((c) =>
            sql`total(${sql.ref(`r.${c}`)})`.as(c),
          ),
        ])
        .groupBy(q.groupBy.map((k) => column(k)));
  const parts: SpendPart[] = [main as unknown as SpendPart];
  // A filter on the tag keeps only lines with that value: no untagged remainder.
  if (!dim.startsWith("tag:") || plan.keys) return parts;
  // Lines without the tag: the day's (month's) total minus its tagged rows, where such lines exist.
  const tagged = rows("r", dim)
    .select([
      "r.day",
      sql<number>`sum(r.lines)`.as("lines"),
      sql<number>`sum(r.priced_lines)`.as("priced_lines"),
      sql<number>`total(r.cost)`.as("cost"),
      sql<number>`total(r.tokens)`.as("tokens"),
      sql<number>`total(r.unpriced_tokens)`.as("unpriced_tokens"),
      sql<number>`total(r.principal_cost)`.as("principal_cost"),
      sql<number>`total(r.tagged_cost)`.as("tagged_cost"),
    ])
    .groupBy("r.day")
    .as("x");
  const minus = (c: string) => sql`t.${sql.raw(c)} - coalesce(x.${sql.raw(c)}, 0)`.as(c);
  const untagged = rows("t", "*")
    .leftJoin(tagged, "x.day", "t.day")
    .where(sql<boolean>`t.lines > coalesce(x.lines, 0)`)
    .select([
      ...keys("t", () => sql`NULL`),
      sql`NULL`.as("account_name"),
      sql`case when t.priced_lines > coalesce(x.priced_lines, 0) then t.cost - coalesce(x.cost, 0) end`.as(
        "cost",
      ),
      ...["tokens", "unpriced_tokens", "principal_cost", "tagged_cost"].map(minus),
    ]);
  parts.push(untagged as unknown as SpendPart);
  return parts;
}
