import { type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import { UsageError } from "../../errors.js";
import type { Db } from "../db.js";
import type { Database } from "../schema.js";

/**
 * Grouped Bedrock cost sums from `cost_daily` (billed, CUR) and `cost_estimate_daily` (estimated).
 * Every sum, group, sort and total happens in SQL: only the returned rows cross into JS.
 */

export const SPEND_COLUMN_KEYS = [
  "model",
  "token_type",
  "pricing_model",
  "route",
  "region",
  "account",
  "principal",
  "day",
] as const;
export type SpendColumnKey = (typeof SPEND_COLUMN_KEYS)[number];
/** A canonical column, or `tag:<key>` (resource tag `team`, principal tag `iamPrincipal/team`). */
export type SpendGroupKey = SpendColumnKey | `tag:${string}`;

export interface SpendFilters {
  model?: string[];
  account?: string[];
  region?: string[];
  principal?: string[];
  token_type?: string[];
  pricing_model?: string[];
  tag?: { key: string; value: string };
}

/** Inclusive UTC day range `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export interface SpendQuery {
  groupBy: SpendGroupKey[];
  filters?: SpendFilters;
  /** Day range read from `cost_daily`; omitted → the table is not read. */
  billed?: DayRange;
  /** Day range read from `cost_estimate_daily`; omitted → the table is not read. */
  estimated?: DayRange;
  /** Max groups returned (largest cost first); totals always cover every group. */
  limit: number;
}

export interface SpendGroup {
  /** Group values in `groupBy` order; null when the row has no value for the key. */
  keys: (string | null)[];
  /** Any account name seen in the group (only when grouped by account). */
  accountName: string | null;
  /** Sum of known costs; null when no line of the group has a known price. */
  costUsd: number | null;
  tokens: number;
  /** Tokens of estimate lines without a known price (never counted as $0). */
  unpricedTokens: number;
}

export interface SpendTotals {
  costUsd: number;
  tokens: number;
  unpricedTokens: number;
  /** Number of groups before the limit. */
  groups: number;
  /** Cost of lines that carry an IAM principal / at least one tag (for coverage). */
  principalCostUsd: number;
  taggedCostUsd: number;
}

export interface SpendResult {
  rows: SpendGroup[];
  totals: SpendTotals;
}

const EMPTY_TOTALS: SpendTotals = {
  costUsd: 0,
  tokens: 0,
  unpricedTokens: 0,
  groups: 0,
  principalCostUsd: 0,
  taggedCostUsd: 0,
};

/**
 * JSON path for a tag key. SQLite reads a double-quoted path label literally up to the next `"`,
 * so a key without `"` (and control characters) cannot escape it; the path is a bound parameter.
 */
export function tagPath(key: string): string {
  if (!/^[^"\\\p{Cc}]{1,128}$/u.test(key)) {
    throw new UsageError(
      `bad tag key ${JSON.stringify(key)}: use letters, digits, spaces and _ . : / = + - @`,
    );
  }
  return `$."${key}"`;
}

function keyExpr(key: SpendGroupKey): RawBuilder<string | null> {
  if (key.startsWith("tag:")) return sql`json_extract(tags, ${tagPath(key.slice(4))})`;
  if (!(SPEND_COLUMN_KEYS as readonly string[]).includes(key)) {
    throw new UsageError(`unknown group-by key "${key}": use ${SPEND_COLUMN_KEYS.join(", ")} or tag:<key>`);
  }
  return sql.ref(key);
}

// Both tables share the canonical columns (schema-estimate.ts), so one builder type serves both.
type CostQb = SelectQueryBuilder<Database, "cost_daily", object>;

function applyFilters(qb: CostQb, f: SpendFilters | undefined): CostQb {
  let out = qb;
  for (const col of ["model", "account", "region", "principal", "token_type", "pricing_model"] as const) {
    const values = f?.[col];
    // biome-ignore lint/suspicious/noExplicitAny: column value types differ (literal unions vs string)
    if (values?.length) out = out.where(col, "in", values as any);
  }
  if (f?.tag) out = out.where(sql<boolean>`json_extract(tags, ${tagPath(f.tag.key)}) = ${f.tag.value}`);
  return out;
}

function groupedPart(db: Db, table: "cost_daily" | "cost_estimate_daily", range: DayRange, q: SpendQuery) {
  const base = db
    .selectFrom(table as "cost_daily")
    .where("day", ">=", range.from)
    .where("day", "<=", range.to);
  const keyed = q.groupBy.map((k, i) => keyExpr(k).as(`k${i}`));
  const withName = q.groupBy.includes("account") ? sql<string | null>`max(account_name)` : sql`null`;
  return applyFilters(base, q.filters)
    .select([
      ...keyed,
      withName.as("account_name"),
      sql<number | null>`sum(cost_usd)`.as("cost"),
      sql<number>`total(case when token_type <> 'none' then tokens end)`.as("tokens"),
      sql<number>`total(case when cost_usd is null then tokens end)`.as("unpriced_tokens"),
      sql<number>`total(case when principal is not null then cost_usd end)`.as("principal_cost"),
      sql<number>`total(case when tags <> '{}' then cost_usd end)`.as("tagged_cost"),
    ])
    .groupBy(q.groupBy.map((_, i) => sql.ref(`k${i}`)));
}

interface RawRow {
  [k: string]: string | number | null;
}

/** Grouped sums for the day ranges of `q`, largest cost first, up to `q.limit` groups. */
export async function querySpend(db: Db, q: SpendQuery): Promise<SpendResult> {
  if (q.groupBy.length === 0) throw new UsageError("groupBy: give at least one key, e.g. model");
  const parts = [];
  if (q.billed && q.billed.from <= q.billed.to) parts.push(groupedPart(db, "cost_daily", q.billed, q));
  if (q.estimated && q.estimated.from <= q.estimated.to) {
    parts.push(groupedPart(db, "cost_estimate_daily", q.estimated, q));
  }
  if (parts.length === 0) return { rows: [], totals: { ...EMPTY_TOTALS } };
  const union = parts.length === 2 ? parts[0].unionAll(parts[1]) : parts[0];
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
