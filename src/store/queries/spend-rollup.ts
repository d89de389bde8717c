import { type Kysely, sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import type { Db } from "../db.js";
import { engineOf } from "../dialect/engine.js";
import { lockRollupRefresh, tagPairs, vacuumAfterBulk } from "../dialect/fragments.js";
import type { Database } from "../schema.js";
import { checkGroupKey, FILTER_COLUMNS, LINE_SUMS, type SpendPart } from "./spend-parts.js";
import {
  MONTH_DIM,
  monthsOf,
  ROLLUP_SQL_COLUMNS,
  type RollupSpan,
  rebuildMonths,
  rollupSpans,
} from "./spend-rollup-months.js";
import { SPEND_COLUMN_KEYS, type SpendFilters, type SpendQuery } from "./spend-types.js";

/**
 * The spend rollup (schema-estimate.ts): per-day sums along one dimension, rebuilt for the days the
 * triggers marked dirty. Answers queries grouped by and filtered on the columns of one dimension
 * (and/or the day) from a few thousand rows instead of scanning every CUR line in the range.
 */

const SOURCES = [
  ["cost_daily", "billed"],
  ["cost_estimate_daily", "estimated"],
] as const;
type Src = (typeof SOURCES)[number][1];

const sums = sql.join([sql`count(*)`, sql`count(cost_usd)`, ...Object.values(LINE_SUMS)], sql`, `);

/**
 * Dimensions pairing two columns (`key` holds the first, `key2` the second): "by model for one
 * account" is common (every report filtered on an account also names its top model) and would
 * otherwise read every raw line of the account.
 */
const ROLLUP_PAIRS = [["account", "model"]] as const;

/** The dimensions rolled up besides the day total `*` and the `tag:<key>` rows. */
export const ROLLUP_DIMS: readonly string[] = [
  ...SPEND_COLUMN_KEYS.filter((k) => k !== "day"),
  ...ROLLUP_PAIRS.map((p) => p.join(",")),
];

/** The columns whose values a dimension's rows carry (key, then key2): none for `*`, two for a pair. */
export function dimColumns(dim: string): string[] {
  if (dim === "*") return [];
  return ROLLUP_PAIRS.some((p) => p.join(",") === dim) ? dim.split(",") : [dim];
}

async function rebuild(trx: Kysely<Database>, table: string, src: Src): Promise<void> {
  const dirty = sql`day IN (SELECT day FROM spend_rollup_dirty WHERE src = ${src})`;
  const from = sql.table(table);
  await sql`INSERT INTO spend_rollup (${ROLLUP_SQL_COLUMNS})
    SELECT ${src}, day, '*', NULL, NULL, NULL, ${sums} FROM ${from} WHERE ${dirty} GROUP BY day`.execute(trx);
  for (const dim of ROLLUP_DIMS) {
    const cols = dimColumns(dim).map((c) => sql.ref(c));
    const name = dim.split(",").includes("account") ? sql`max(account_name)` : sql`NULL`;
    await sql`INSERT INTO spend_rollup (${ROLLUP_SQL_COLUMNS})
      SELECT ${src}, day, ${dim}, ${cols[0]}, ${cols[1] ?? sql`NULL`}, ${name}, ${sums}
      FROM ${from} WHERE ${dirty} GROUP BY day, ${sql.join(cols)}`.execute(trx);
  }
  // One rollup row per tag key and value; lines without the key are derived at read time.
  const j = tagPairs(engineOf(trx), from);
  await sql`INSERT INTO spend_rollup (${ROLLUP_SQL_COLUMNS})
    SELECT ${src}, day, 'tag:' || ${j.key}, ${j.value}, NULL, NULL, ${sums}
    FROM ${from}, ${j.join}
    WHERE ${dirty} AND ${j.scalar}
    GROUP BY day, ${j.key}, ${j.value}`.execute(trx);
}

/**
 * Rebuilds the rollup for every day changed since the last refresh; returns how many (source, day)
 * pairs it rebuilt. Cheap when nothing changed. Writers (CUR ingest, estimates) may call it after
 * they commit so the first reader does not pay for it.
 */
export async function refreshSpendRollup(db: Db): Promise<number> {
  const pending = await db.selectFrom("spend_rollup_dirty").select("day").limit(1).executeTakeFirst();
  if (!pending) return 0;
  const rebuilt = await db.transaction().execute(async (trx) => {
    await lockRollupRefresh(trx);
    // A write first: the transaction takes the write lock before it reads the dirty set.
    await sql`DELETE FROM spend_rollup WHERE EXISTS (SELECT 1 FROM spend_rollup_dirty d
      WHERE d.src = spend_rollup.src AND d.day = spend_rollup.day)`.execute(trx);
    const dirty = await trx.selectFrom("spend_rollup_dirty").select(["src", "day"]).execute();
    for (const [table, src] of SOURCES) {
      await rebuild(trx, table, src);
      await rebuildMonths(trx, src, monthsOf(dirty.filter((d) => d.src === src).map((d) => d.day)));
    }
    const done = await trx.deleteFrom("spend_rollup_dirty").executeTakeFirst();
    return Number(done.numDeletedRows);
  });
  // A month or more rebuilt (a first ingest, a backfill): statistics and visibility for the planner.
  if (rebuilt >= 28) await vacuumAfterBulk(db, ["spend_rollup"]);
  return rebuilt;
}

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

/** The one rollup dimension holding every column in `cols` (one column, or a pair in any order). */
function dimFor(cols: string[]): string | null {
  if (cols.length === 0) return "*";
  if (cols.length === 1) return cols[0];
  const pair = ROLLUP_PAIRS.find(
    (p) => cols.length === 2 && cols.every((c) => (p as readonly string[]).includes(c)),
  );
  return pair ? pair.join(",") : null;
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

/** Parts reading the rollup for one source; same columns as tablePart. */
export function rollupParts(db: Db, src: Src, range: DayRange, q: SpendQuery, plan: RollupPlan): SpendPart[] {
  return rollupSpans(range, q.groupBy.includes("day")).flatMap((span) => spanParts(db, src, span, q, plan));
}

/** The parts of one span: its day rows, or its month rows (`month:<dim>`) for whole months. */
function spanParts(db: Db, src: Src, span: RollupSpan, q: SpendQuery, plan: RollupPlan): SpendPart[] {
  const { dim } = plan;
  const rows = (alias: "r" | "t", d: string) =>
    db
      .selectFrom(`spend_rollup as ${alias}`)
      .where(`${alias}.src`, "=", src)
      .where(`${alias}.dim`, "=", span.monthly ? MONTH_DIM + d : d)
      .where(`${alias}.day`, ">=", span.from)
      .where(`${alias}.day`, "<=", span.to);
  const second = dimColumns(dim)[1];
  const column = (k: string) => sql.ref(k === second ? "r.key2" : "r.key");
  const keys = (alias: string, value: (k: string) => ReturnType<typeof sql>) =>
    q.groupBy.map((k, i) => (k === "day" ? sql.ref(`${alias}.day`) : value(k)).as(`k${i}`));
  let kept = rows("r", dim);
  if (plan.keys) kept = kept.where("r.key", "in", plan.keys);
  if (plan.keys2) kept = kept.where("r.key2", "in", plan.keys2);
  // Like the raw rows: an account name only when grouped by account (a filter alone does not name).
  const name = q.groupBy.includes("account") ? sql.ref("r.account_name") : sql`NULL`;
  const parts: SpendPart[] = [
    kept.select([...keys("r", column), name.as("account_name"), ...sumCols("r")]) as unknown as SpendPart,
  ];
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

/** Days pending at open from which the rebuild is announced: a month or more. */
const ANNOUNCE_FROM = 28;

/**
 * At open (CLI commands, `serve`): when a month or more of days waits for its rollup (the first
 * open after an upgrade that adds rollup rows, or writes by an older version), rebuilds them now
 * and says so on stderr, instead of leaving the first report silent for up to a minute.
 */
export async function refreshPendingRollup(
  db: Db,
  log: { info(msg: string): void; warn(msg: string): void },
): Promise<void> {
  const row = await db
    .selectFrom("spend_rollup_dirty")
    .select(sql<number>`count(DISTINCT day)`.as("n"))
    .executeTakeFirst();
  const pending = Number(row?.n ?? 0);
  if (pending < ANNOUNCE_FROM) return;
  log.info(
    `spend rollup: summarizing ${pending} days of cost rows once (after an upgrade or a large write; a year of a large organization takes about a minute)…`,
  );
  const started = performance.now();
  try {
    await refreshSpendRollup(db);
  } catch (err) {
    // Another process holding the write lock (a long ingest) must not fail this command.
    log.warn(`spend rollup: not rebuilt now (${(err as Error).message}); the next report rebuilds it`);
    return;
  }
  log.info(`spend rollup: rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The writers' call after they commit (CUR period, estimate recompute): rebuilds the rollup now so
 * the next reader does not pay for it. Never fails the write that already committed: when another
 * process holds the lock past the busy timeout the days stay marked and the next reader rebuilds.
 */
export async function refreshSpendRollupAfterWrite(
  db: Db,
  log: { warn(msg: string): void },
  what: string,
): Promise<number> {
  try {
    return await refreshSpendRollup(db);
  } catch (err) {
    log.warn(`${what}: spend rollup not refreshed (${(err as Error).message}); the next report rebuilds it`);
    return 0;
  }
}
