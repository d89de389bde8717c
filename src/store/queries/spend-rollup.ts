import { type Kysely, sql } from "kysely";
import type { Db } from "../db.js";
import { engineOf } from "../dialect/engine.js";
import { lockRollupRefresh, tagPairs, vacuumAfterBulk } from "../dialect/fragments.js";
import type { Database } from "../schema.js";
import { LINE_SUMS } from "./spend-parts.js";
import { monthsOf, ROLLUP_SQL_COLUMNS, rebuildMonths } from "./spend-rollup-months.js";
import { SPEND_COLUMN_KEYS } from "./spend-types.js";

/**
 * The spend rollup (schema-estimate.ts): per-day sums along one dimension, rebuilt for the days the
 * triggers marked dirty, with their month rows (spend-rollup-months.ts). It answers questions
 * grouped by and filtered on the columns of one dimension (and/or the day) from a few thousand rows
 * instead of every CUR line in the range: spend-rollup-read.ts plans and reads; bulk writers supply
 * their own rows through spend-rollup-write.ts.
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

/** The one rollup dimension holding every column in `cols` (one column, or a pair in any order). */
export function dimFor(cols: string[]): string | null {
  if (cols.length === 0) return "*";
  if (cols.length === 1) return cols[0];
  const pair = ROLLUP_PAIRS.find(
    (p) => cols.length === 2 && cols.every((c) => (p as readonly string[]).includes(c)),
  );
  return pair ? pair.join(",") : null;
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
