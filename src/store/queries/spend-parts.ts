import { type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import { UsageError } from "../../errors.js";
import type { Db } from "../db.js";
import type { Database } from "../schema.js";
import { SPEND_COLUMN_KEYS, type SpendFilters, type SpendGroupKey, type SpendQuery } from "./spend-types.js";

/**
 * One source's grouped contribution to a spend query. Every part yields the same columns
 * (k0…kn, account_name, cost, tokens, unpriced_tokens, principal_cost, tagged_cost) so parts can be
 * UNION ALL-ed and summed again by querySpend.
 */
// biome-ignore lint/suspicious/noExplicitAny: parts from different tables share only their output columns
export type SpendPart = SelectQueryBuilder<any, any, Record<string, unknown>>;

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

/** Throws a UsageError unless `key` is a canonical column or a safe `tag:<key>`. */
export function checkGroupKey(key: SpendGroupKey): void {
  if (key.startsWith("tag:")) tagPath(key.slice(4));
  else if (!(SPEND_COLUMN_KEYS as readonly string[]).includes(key)) {
    throw new UsageError(`unknown group-by key "${key}": use ${SPEND_COLUMN_KEYS.join(", ")} or tag:<key>`);
  }
}

function keyExpr(key: SpendGroupKey): RawBuilder<string | null> {
  checkGroupKey(key);
  return key.startsWith("tag:") ? sql`json_extract(tags, ${tagPath(key.slice(4))})` : sql.ref(key);
}

// Both tables share the canonical columns (schema-estimate.ts), so one builder type serves both.
export type CostQb = SelectQueryBuilder<Database, "cost_daily", object>;

export const FILTER_COLUMNS = [
  "model",
  "account",
  "region",
  "principal",
  "token_type",
  "pricing_model",
] as const;

export function hasFilters(f: SpendFilters | undefined): boolean {
  return Boolean(f?.tag) || FILTER_COLUMNS.some((c) => (f?.[c]?.length ?? 0) > 0);
}

export function applyFilters(qb: CostQb, f: SpendFilters | undefined): CostQb {
  let out = qb;
  for (const col of FILTER_COLUMNS) {
    const values = f?.[col];
    // biome-ignore lint/suspicious/noExplicitAny: column value types differ (literal unions vs string)
    if (values?.length) out = out.where(col, "in", values as any);
  }
  if (f?.tag) {
    // A plain text test first: every writer stores tags as JSON.stringify output, so a row whose
    // text lacks the JSON-encoded value cannot match, and most rows then skip the JSON parse
    // (a month of the 13-month high-cardinality store: 141 → 111 ms). json_extract decides.
    out = out.where(sql<boolean>`tags LIKE ${containsPattern(JSON.stringify(f.tag.value))} ESCAPE '\\'`);
    out = out.where(sql<boolean>`json_extract(tags, ${tagPath(f.tag.key)}) = ${f.tag.value}`);
  }
  return out;
}

/** A LIKE pattern matching text that contains `text` (its `%`, `_` and backslash escaped with a backslash). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/** The sums every part computes over canonical rows (also used to build the rollup). */
export const LINE_SUMS: Record<string, RawBuilder<number | null>> = {
  cost: sql<number | null>`sum(cost_usd)`,
  tokens: sql<number>`total(case when token_type <> 'none' then tokens end)`,
  unpriced_tokens: sql<number>`total(case when cost_usd is null then tokens end)`,
  principal_cost: sql<number>`total(case when principal is not null then cost_usd end)`,
  tagged_cost: sql<number>`total(case when tags <> '{}' then cost_usd end)`,
};

/** Groups the raw rows of `table` (any filters, any keys): exact, but scans every row in range. */
export function tablePart(
  db: Db,
  table: "cost_daily" | "cost_estimate_daily",
  range: DayRange,
  q: SpendQuery,
): SpendPart {
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
      ...Object.entries(LINE_SUMS).map(([name, expr]) => expr.as(name)),
    ])
    .groupBy(q.groupBy.map((_, i) => sql.ref(`k${i}`))) as unknown as SpendPart;
}
