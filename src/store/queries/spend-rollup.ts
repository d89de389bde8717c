import { type Kysely, sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import type { Db } from "../db.js";
import { engineOf } from "../dialect/engine.js";
import { lockRollupRefresh, tagPairs, vacuumAfterBulk } from "../dialect/fragments.js";
import type { Database } from "../schema.js";
import { checkGroupKey, FILTER_COLUMNS, hasFilters, LINE_SUMS, type SpendPart } from "./spend-parts.js";
import { SPEND_COLUMN_KEYS, type SpendFilters, type SpendQuery } from "./spend-types.js";

/**
 * The spend rollup (schema-estimate.ts): per-day sums along one dimension, rebuilt for the days the
 * triggers marked dirty. Answers unfiltered queries grouped by one dimension (and/or day) from a
 * few thousand rows instead of scanning every CUR line in the range.
 */

const SOURCES = [
  ["cost_daily", "billed"],
  ["cost_estimate_daily", "estimated"],
] as const;
type Src = (typeof SOURCES)[number][1];

/** The dimensions rolled up besides the day total `*` and the `tag:<key>` rows. */
export const ROLLUP_DIMS = SPEND_COLUMN_KEYS.filter((k) => k !== "day");

const sums = sql.join([sql`count(*)`, sql`count(cost_usd)`, ...Object.values(LINE_SUMS)], sql`, `);
const COLUMNS = sql.raw(
  "src, day, dim, key, account_name, lines, priced_lines, cost, tokens, unpriced_tokens, principal_cost, tagged_cost",
);

async function rebuild(trx: Kysely<Database>, table: string, src: Src): Promise<void> {
  const dirty = sql`day IN (SELECT day FROM spend_rollup_dirty WHERE src = ${src})`;
  const from = sql.table(table);
  await sql`INSERT INTO spend_rollup (${COLUMNS})
    SELECT ${src}, day, '*', NULL, NULL, ${sums} FROM ${from} WHERE ${dirty} GROUP BY day`.execute(trx);
  for (const dim of ROLLUP_DIMS) {
    const col = sql.ref(dim);
    const name = dim === "account" ? sql`max(account_name)` : sql`NULL`;
    await sql`INSERT INTO spend_rollup (${COLUMNS})
      SELECT ${src}, day, ${dim}, ${col}, ${name}, ${sums} FROM ${from} WHERE ${dirty} GROUP BY day, ${col}`.execute(
      trx,
    );
  }
  // One rollup row per tag key and value; lines without the key are derived at read time.
  const j = tagPairs(engineOf(trx), from);
  await sql`INSERT INTO spend_rollup (${COLUMNS})
    SELECT ${src}, day, 'tag:' || ${j.key}, ${j.value}, NULL, ${sums}
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
    for (const [table, src] of SOURCES) await rebuild(trx, table, src);
    const done = await trx.deleteFrom("spend_rollup_dirty").executeTakeFirst();
    return Number(done.numDeletedRows);
  });
  // A month or more rebuilt (a first ingest, a backfill): statistics and visibility for the planner.
  if (rebuilt >= 28) await vacuumAfterBulk(db, ["spend_rollup"]);
  return rebuilt;
}

/**
 * The rollup rows that answer a query: one dimension, and when the query filters on that same
 * dimension, the keys the filter keeps (rollup rows of a dimension partition its lines by key, so
 * the kept rows sum to exactly what the filtered raw rows would).
 */
export interface RollupPlan {
  dim: string;
  keys?: string[];
}

const ROLLUP_MAX_KEYS = 500;

/** The one dimension `f` filters on with its kept keys; null when it filters on two or more. */
function filterDim(f: SpendFilters | undefined): RollupPlan | null {
  const on: RollupPlan[] = [];
  for (const d of FILTER_COLUMNS) if (f?.[d]?.length) on.push({ dim: d, keys: [...new Set(f[d])] });
  if (f?.tag) {
    checkGroupKey(`tag:${f.tag.key}`); // the same error as the raw path for a bad key
    on.push({ dim: `tag:${f.tag.key}`, keys: [f.tag.value] });
  }
  return on.length === 1 ? on[0] : null;
}

/**
 * How the rollup answers `q`, or null when it needs the raw rows: two or more group keys besides
 * the day, filters on two or more dimensions, or a filter on one dimension grouped by another.
 */
export function rollupPlan(q: SpendQuery): RollupPlan | null {
  const others = q.groupBy.filter((k) => k !== "day");
  if (others.length > 1 || q.groupBy.length - others.length > 1) return null;
  if (!hasFilters(q.filters)) return { dim: others[0] ?? "*" };
  const filter = filterDim(q.filters);
  if (!filter || (others.length === 1 && others[0] !== filter.dim)) return null;
  // Each key is a bound parameter, repeated per source and in the totals: past a few hundred the
  // raw rows (one IN list per source) stay under SQLite's 32,766 parameters.
  if ((filter.keys?.length ?? 0) > ROLLUP_MAX_KEYS) return null;
  return filter;
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
  const { dim } = plan;
  const rows = (alias: "r" | "t", d: string) =>
    db
      .selectFrom(`spend_rollup as ${alias}`)
      .where(`${alias}.src`, "=", src)
      .where(`${alias}.dim`, "=", d)
      .where(`${alias}.day`, ">=", range.from)
      .where(`${alias}.day`, "<=", range.to);
  const keys = (alias: string, value: ReturnType<typeof sql>) =>
    q.groupBy.map((k, i) => (k === "day" ? sql.ref(`${alias}.day`) : value).as(`k${i}`));
  let kept = rows("r", dim);
  if (plan.keys) kept = kept.where("r.key", "in", plan.keys);
  // Like the raw rows: an account name only when grouped by account (a filter alone does not name).
  const name = q.groupBy.includes("account") ? sql.ref("r.account_name") : sql`NULL`;
  const parts: SpendPart[] = [
    kept.select([
      ...keys("r", sql.ref("r.key")),
      name.as("account_name"),
      ...sumCols("r"),
    ]) as unknown as SpendPart,
  ];
  // A filter on the tag keeps only lines with that value: no untagged remainder.
  if (!dim.startsWith("tag:") || plan.keys) return parts;
  // Lines without the tag: the day's total minus its tagged rows (only where such lines exist).
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
      ...keys("t", sql`NULL`),
      sql`NULL`.as("account_name"),
      sql`case when t.priced_lines > coalesce(x.priced_lines, 0) then t.cost - coalesce(x.cost, 0) end`.as(
        "cost",
      ),
      ...["tokens", "unpriced_tokens", "principal_cost", "tagged_cost"].map(minus),
    ]);
  parts.push(untagged as unknown as SpendPart);
  return parts;
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
