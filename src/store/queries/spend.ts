import { type Kysely, sql } from "kysely";
import { UsageError } from "../../errors.js";
import type { Db } from "../db.js";
import { isBusy } from "../dialect/fragments.js";
import type { Database } from "../schema.js";
import { checkGroupKey, type SpendPart, tablePart } from "./spend-parts.js";
import { dimColumns, refreshSpendRollup } from "./spend-rollup.js";
import { monthAlignedRange, type RollupPlan, rollupParts, rollupPlan } from "./spend-rollup-read.js";
import type { SpendGroup, SpendGroupKey, SpendQuery, SpendResult, SpendTotals } from "./spend-types.js";

export * from "./spend-types.js";

/**
 * Grouped Bedrock cost sums from `cost_daily` (billed, CUR) and `cost_estimate_daily` (estimated).
 * Every sum, group, sort and total happens in SQL: only the returned rows cross into JS.
 */

const EMPTY_TOTALS: SpendTotals = {
  costUsd: 0,
  tokens: 0,
  unpricedTokens: 0,
  groups: 0,
  principalCostUsd: 0,
  taggedCostUsd: 0,
};

interface RawRow {
  [k: string]: string | number | null;
}

/**
 * The parts to UNION: per source, the rollup when it can answer (one dimension and/or day, filtered
 * at most on that dimension) or the raw rows otherwise.
 */
async function spendParts(
  db: Kysely<Database>,
  q: SpendQuery,
  plan: RollupPlan | null,
): Promise<SpendPart[]> {
  const parts: SpendPart[] = [];
  const sources = [
    ["cost_daily", "billed", q.billed],
    ["cost_estimate_daily", "estimated", q.estimated],
  ] as const;
  for (const [table, src, range] of sources) {
    if (!range || range.from > range.to) continue;
    if (!plan) parts.push(tablePart(db, table, range, q));
    else if (q.groupBy.includes("day")) parts.push(...rollupParts(db, src, range, q, plan));
    else parts.push(...rollupParts(db, src, range, q, plan, await monthAlignedRange(db, src, range)));
  }
  return parts;
}

/**
 * True when the parts already hold one row per group: each raw-table part is grouped by every key,
 * a rollup part holds one row per day and value of its dimension, and with `day` among the keys two
 * sources over disjoint day ranges cannot share a group.
 */
function partsUnique(q: SpendQuery, plan: RollupPlan | null): boolean {
  const both = Boolean(q.billed && q.estimated);
  const disjoint = !both || q.billed!.to < q.estimated!.from || q.estimated!.to < q.billed!.from;
  if (!q.groupBy.includes("day")) return plan === null && !both;
  if (!plan) return disjoint;
  // A column of the dimension that is not grouped (only filtered) adds up several rows per day,
  // unless the filter keeps one value.
  const kept = [plan.keys, plan.keys2];
  const severalPerDay = dimColumns(plan.dim).some(
    (c, i) => !q.groupBy.includes(c as SpendGroupKey) && kept[i]?.length !== 1,
  );
  return disjoint && !severalPerDay;
}

type Union = ReturnType<SpendPart["as"]>;

/** Sum expressions over the union; already-unique parts pass their values through. */
function sums(unique: boolean) {
  const f = (agg: string, col: string) => sql.raw(unique ? `u.${col}` : `${agg}(u.${col})`);
  return [
    sql`${f("max", "account_name")}`.as("account_name"),
    sql`${f("sum", "cost")}`.as("cost_usd"),
    sql`${f("total", "tokens")}`.as("tokens"),
    sql`${f("total", "unpriced_tokens")}`.as("unpriced_tokens"),
  ];
}

/**
 * Rollup parts already one row per group (grouped by day, or by day and the filtered dimension):
 * cheap to read twice, the top rows then the totals as plain sums (no window over every group,
 * ~5× less work for 20k groups).
 */
async function rowsThenTotals(trx: Kysely<Database>, u: Union, q: SpendQuery) {
  const keys = q.groupBy.map((_, i) => sql.ref(`u.k${i}`));
  let rows = trx.selectFrom(u).select([...keys.map((k, i) => k.as(`k${i}`)), ...sums(true)]);
  rows = rows.orderBy(sql`cost_usd desc nulls last`);
  for (const k of keys) rows = rows.orderBy(k);
  const raw = (await rows.limit(q.limit).execute()) as RawRow[];
  const totals = await trx
    .selectFrom(u)
    .select([
      sql`total(u.cost)`.as("t_cost"),
      sql`total(u.tokens)`.as("t_tokens"),
      sql`total(u.unpriced_tokens)`.as("t_unpriced"),
      sql`count(*)`.as("t_groups"),
      sql`total(u.principal_cost)`.as("t_principal"),
      sql`total(u.tagged_cost)`.as("t_tagged"),
    ])
    .executeTakeFirst();
  return { raw, totals: totals as RawRow | undefined };
}

/**
 * Rollup parts with several rows per group (a dimension over many days): grouped once into a
 * materialized table, then the top rows and the totals read from it in the same statement. Reading
 * the union again for the totals and the group count cost three passes over every rollup row
 * (120k rows for a tag with 400 values over 13 months).
 */
async function groupOnce(trx: Kysely<Database>, u: Union, q: SpendQuery) {
  const keys = q.groupBy.map((_, i) => sql.ref(`u.k${i}`));
  const cols = q.groupBy.map((_, i) => sql.ref(`k${i}`));
  // One raw ORDER BY expression, used for the top rows and again for the joined result.
  const byCost = sql`cost_usd desc nulls last, ${sql.join(cols)}`;
  const stmt = trx
    .with(
      (cte) => cte("g").materialized(),
      (db) =>
        db
          .selectFrom(u)
          .select([
            ...keys.map((k, i) => k.as(`k${i}`)),
            ...sums(false),
            sql`total(u.principal_cost)`.as("principal_cost"),
            sql`total(u.tagged_cost)`.as("tagged_cost"),
          ])
          .groupBy(keys),
    )
    .with("t", (db) =>
      db
        .selectFrom("g")
        .select([
          sql`total(cost_usd)`.as("t_cost"),
          sql`total(tokens)`.as("t_tokens"),
          sql`total(unpriced_tokens)`.as("t_unpriced"),
          sql`count(*)`.as("t_groups"),
          sql`total(principal_cost)`.as("t_principal"),
          sql`total(tagged_cost)`.as("t_tagged"),
        ]),
    )
    .with("top", (db) => db.selectFrom("g").selectAll().orderBy(byCost).limit(q.limit));
  const raw = (await stmt.selectFrom(["top", "t"]).selectAll().orderBy(byCost).execute()) as RawRow[];
  return { raw, totals: raw[0] };
}

/** Raw-row parts are expensive: one statement, totals as window functions over the groups. */
async function onePass(trx: Kysely<Database>, u: Union, q: SpendQuery, unique: boolean) {
  const keys = q.groupBy.map((_, i) => sql.ref(`u.k${i}`));
  const w = (agg: string, col: string) =>
    sql.raw(unique ? `total(u.${col}) over ()` : `total(${agg}(u.${col})) over ()`);
  let rows = trx
    .selectFrom(u)
    .select([
      ...keys.map((k, i) => k.as(`k${i}`)),
      ...sums(unique),
      sql`${w("sum", "cost")}`.as("t_cost"),
      sql`${w("total", "tokens")}`.as("t_tokens"),
      sql`${w("total", "unpriced_tokens")}`.as("t_unpriced"),
      sql`count(*) over ()`.as("t_groups"),
      sql`${w("total", "principal_cost")}`.as("t_principal"),
      sql`${w("total", "tagged_cost")}`.as("t_tagged"),
    ]);
  if (!unique) rows = rows.groupBy(keys);
  rows = rows.orderBy(sql`cost_usd desc nulls last`);
  for (const k of keys) rows = rows.orderBy(k);
  const raw = (await rows.limit(q.limit).execute()) as RawRow[];
  return { raw, totals: raw[0] };
}

/**
 * Brings the rollup up to date. When another process holds the write lock past the busy timeout
 * (a long CUR ingest), answer from the raw rows instead of failing: slower, still exact.
 */
async function tryRefresh(db: Db): Promise<boolean> {
  try {
    await refreshSpendRollup(db);
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

/** Grouped sums for the day ranges of `q`, largest cost first, up to `q.limit` groups. */
export async function querySpend(db: Db, q: SpendQuery): Promise<SpendResult> {
  if (q.groupBy.length === 0) throw new UsageError("groupBy: give at least one key, e.g. model");
  q.groupBy.forEach(checkGroupKey);
  let plan = q.useRollup === false ? null : rollupPlan(q);
  if (plan && !(await tryRefresh(db))) plan = null;
  // One read transaction: rows and totals come from the same snapshot even while an ingest commits
  // (SQLite's transactions are snapshots; PostgreSQL's need REPEATABLE READ for it).
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const parts = await spendParts(trx, q, plan);
      if (parts.length === 0) return { rows: [], totals: { ...EMPTY_TOTALS } };
      const union = parts
        .slice(1)
        .reduce((acc, p) => acc.unionAll(p), parts[0])
        .as("u");
      const unique = partsUnique(q, plan);
      const { raw, totals } = !plan
        ? await onePass(trx, union, q, unique)
        : unique
          ? await rowsThenTotals(trx, union, q)
          : await groupOnce(trx, union, q);
      return { rows: raw.map((r) => toGroup(r, q.groupBy.length)), totals: toTotals(totals) };
    });
}

function toGroup(r: RawRow, n: number): SpendGroup {
  const keys: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = r[`k${i}`];
    keys.push(v === null || v === undefined ? null : String(v));
  }
  return {
    keys,
    accountName: (r.account_name as string | null) ?? null,
    costUsd: r.cost_usd === null ? null : Number(r.cost_usd),
    tokens: Number(r.tokens),
    unpricedTokens: Number(r.unpriced_tokens),
  };
}

function toTotals(r: RawRow | undefined): SpendTotals {
  if (!r) return { ...EMPTY_TOTALS };
  return {
    costUsd: Number(r.t_cost),
    tokens: Number(r.t_tokens),
    unpricedTokens: Number(r.t_unpriced),
    groups: Number(r.t_groups),
    principalCostUsd: Number(r.t_principal),
    taggedCostUsd: Number(r.t_tagged),
  };
}
