import { sql } from "kysely";
import { UsageError } from "../../errors.js";
import type { Db } from "../db.js";
import { checkGroupKey, type SpendPart, tablePart } from "./spend-parts.js";
import { refreshSpendRollup, rollupDim, rollupParts } from "./spend-rollup.js";
import type { SpendGroup, SpendQuery, SpendResult, SpendTotals } from "./spend-types.js";

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
 * The parts to UNION: per source, the rollup when it can answer (no filters, one dimension and/or
 * day) or the raw rows otherwise.
 */
function spendParts(db: Db, q: SpendQuery, dim: string | null): SpendPart[] {
  const parts: SpendPart[] = [];
  const sources = [
    ["cost_daily", "billed", q.billed],
    ["cost_estimate_daily", "estimated", q.estimated],
  ] as const;
  for (const [table, src, range] of sources) {
    if (!range || range.from > range.to) continue;
    if (dim) parts.push(...rollupParts(db, src, range, q, dim));
    else parts.push(tablePart(db, table, range, q));
  }
  return parts;
}

/** Grouped sums for the day ranges of `q`, largest cost first, up to `q.limit` groups. */
export async function querySpend(db: Db, q: SpendQuery): Promise<SpendResult> {
  if (q.groupBy.length === 0) throw new UsageError("groupBy: give at least one key, e.g. model");
  q.groupBy.forEach(checkGroupKey);
  const dim = q.useRollup === false ? null : rollupDim(q);
  if (dim) await refreshSpendRollup(db);
  const parts = spendParts(db, q, dim);
  if (parts.length === 0) return { rows: [], totals: { ...EMPTY_TOTALS } };
  const union = parts.slice(1).reduce((acc, p) => acc.unionAll(p), parts[0]);
  const keys = q.groupBy.map((_, i) => sql.ref(`u.k${i}`));
  let outer = db
    .selectFrom(union.as("u"))
    .select([
      ...q.groupBy.map((_, i) => sql.ref(`u.k${i}`).as(`k${i}`)),
      sql`max(u.account_name)`.as("account_name"),
      sql`sum(u.cost)`.as("cost_usd"),
      sql`total(u.tokens)`.as("tokens"),
      sql`total(u.unpriced_tokens)`.as("unpriced_tokens"),
      sql`total(sum(u.cost)) over ()`.as("t_cost"),
      sql`total(total(u.tokens)) over ()`.as("t_tokens"),
      sql`total(total(u.unpriced_tokens)) over ()`.as("t_unpriced"),
      sql`count(*) over ()`.as("t_groups"),
      sql`total(total(u.principal_cost)) over ()`.as("t_principal"),
      sql`total(total(u.tagged_cost)) over ()`.as("t_tagged"),
    ])
    .groupBy(keys)
    .orderBy(sql`cost_usd desc nulls last`);
  for (const k of keys) outer = outer.orderBy(k);
  const raw = (await outer.limit(q.limit).execute()) as RawRow[];
  return { rows: raw.map((r) => toGroup(r, q.groupBy.length)), totals: toTotals(raw[0]) };
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
