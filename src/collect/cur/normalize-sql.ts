import { dimColumns } from "../../store/queries/spend-rollup.js";
import { CLASS_DIMS, CLASS_KEY } from "./classes.js";
import { exactSum } from "./reader-sql.js";

/**
 * The period's daily keys (`agg`) → canonical rows, in DuckDB. Lookup tables (lookups.ts) carry
 * what JS decided per distinct value; these joins apply it to every key, and the GROUP BY merges
 * keys that differ only in fields the store does not keep (operation, description, raw tags).
 * Large intermediate results stay in DuckDB, which spills them to disk past its memory limit.
 */

const CLASS_JOIN = `JOIN k_res r ON a.resource_id IS NOT DISTINCT FROM r.v
  JOIN k_cls c ON ${CLASS_KEY.map((k) => `a.${k} IS NOT DISTINCT FROM c.${k}`).join(" AND ")}
    AND r.res_model_id IS NOT DISTINCT FROM c.res_model_id AND r.res_prov = c.res_prov`;

/**
 * Every daily key as integer codes into the lookups (k_acct, k_cls, principal, resource, tags):
 * the string columns are matched once, here, and every later query works on integers.
 */
export const KEYED_SQL = `CREATE OR REPLACE TEMP TABLE keyed AS
SELECT ka.id AS ad, c.id AS cls, kp.id AS pr, r.id AS rs, kt.id AS tg,
  a.line_item_type, a.usage_amount, a.cost, a.list_cost, a.n
FROM agg a ${CLASS_JOIN}
  JOIN k_acct ka ON coalesce(a.day, '') = ka.day AND a.payer IS NOT DISTINCT FROM ka.payer
    AND coalesce(a.account, '') = ka.account AND a.account_name IS NOT DISTINCT FROM ka.account_name
  JOIN k_prin kp ON a.principal IS NOT DISTINCT FROM kp.v
  JOIN k_tag kt ON a.resource_tags IS NOT DISTINCT FROM kt.resource_tags AND a.tags IS NOT DISTINCT FROM kt.tags`;

/** One row per stored cost row: Bedrock usage keys merged by their canonical columns. */
export const CANON_SQL = `CREATE OR REPLACE TEMP TABLE canon AS
SELECT k.ad, c.cc, k.pr, k.rs, k.tg,
  coalesce(${exactSum("CASE WHEN c.token_none THEN 0 ELSE k.usage_amount * c.tokens_per_unit END")}, 0) AS tokens,
  coalesce(${exactSum("k.usage_amount")}, 0) AS usage_amount,
  ${exactSum("k.cost")} AS cost_usd,
  CASE WHEN count(k.list_cost) = count(*) THEN ${exactSum("k.list_cost")} END AS list_cost_usd
FROM keyed k JOIN k_cls c ON k.cls = c.id
WHERE c.is_bedrock AND k.line_item_type = 'Usage'
GROUP BY ALL`;

/** Day-major, then account and class: each store index receives its entries close together. */
export const COST_ROWS_SQL =
  "SELECT ad, cc, pr, rs, tg, tokens, usage_amount, cost_usd, list_cost_usd FROM canon ORDER BY ad, cc, pr, rs, tg";

export const CANON_DAYS_SQL =
  "SELECT DISTINCT ka.day FROM canon JOIN k_acct ka ON canon.ad = ka.id ORDER BY 1";

/** Lines and cost per class and line item type: counters and warnings (a few hundred rows). */
export const SUMMARY_SQL = `SELECT cls, line_item_type, sum(n) AS n, ${exactSum("cost")} AS cost FROM keyed GROUP BY ALL ORDER BY ALL`;

/** Lines that are not usage: credits, refunds, discounts, tax and uncounted types. */
export const ADJUSTMENTS_SQL = `SELECT ad, cls, line_item_type, ${exactSum("cost")} AS cost FROM keyed
WHERE coalesce(line_item_type, '') <> 'Usage' GROUP BY ALL ORDER BY ALL`;

/** Where each rollup dimension's key code lives in the rollup's input `x`. */
export const DIM_CODE: Record<string, string> = {
  ...Object.fromEntries(CLASS_DIMS.map((d) => [d, `${d}_k`])),
  account: "account_k",
  principal: "pr",
};

/**
 * The billed rollup of the canonical rows, per day along each dimension, with the same sums the
 * store's own rebuild computes (spend-parts.ts LINE_SUMS). Dimension i of `dims` is code i + 1
 * (0 is the day total `*`), tag key k is code `tagBase + k`; keys are codes into the lookups.
 * Columns: dim, day, key, key2 (a pair dimension's second column), name, then the sums; unordered.
 */
export function rollupSql(
  dims: readonly string[],
  tagBase: number,
  nullPrincipal: number,
  emptyTags: number,
) {
  const sums = `count(*)::INTEGER AS lines, count(x.cost)::INTEGER AS priced_lines, ${exactSum("x.cost")} AS cost,
    coalesce(${exactSum("CASE WHEN NOT x.token_none THEN x.tokens END")}, 0) AS tokens,
    coalesce(${exactSum("CASE WHEN x.cost IS NULL THEN x.tokens END")}, 0) AS unpriced_tokens,
    coalesce(${exactSum(`CASE WHEN x.pr <> ${nullPrincipal} THEN x.cost END`)}, 0) AS principal_cost,
    coalesce(${exactSum(`CASE WHEN x.tg <> ${emptyTags} THEN x.cost END`)}, 0) AS tagged_cost`;
  const parts = [
    `SELECT 0 AS dim, day_k, NULL::INTEGER AS key_k, NULL::INTEGER AS key2_k, NULL::INTEGER AS name_k, ${sums}
      FROM x GROUP BY day_k`,
  ];
  for (const [i, dim] of dims.entries()) {
    const cols = dimColumns(dim).map((c) => DIM_CODE[c]);
    if (cols.some((c) => !c)) throw new Error(`rollup dimension ${dim} has no CUR ingest mapping`);
    const name = dimColumns(dim).includes("account") ? "max(name_k)" : "NULL::INTEGER";
    parts.push(`SELECT ${i + 1}, day_k, ${cols[0]}, ${cols[1] ?? "NULL::INTEGER"}, ${name}, ${sums}
      FROM x GROUP BY day_k, ${cols.join(", ")}`);
  }
  parts.push(`SELECT ${tagBase} + kv.key_k, day_k, kv.value_k, NULL::INTEGER, NULL::INTEGER, ${sums}
    FROM x JOIN k_tagkv kv ON x.tg = kv.tg GROUP BY day_k, kv.key_k, kv.value_k`);
  return `WITH x AS (
    SELECT ka.day_k, ka.account_k, ka.name_k, ${CLASS_DIMS.map((d) => `cc.${d}_k`).join(", ")}, cc.token_none,
      canon.pr, canon.tg, canon.cost_usd AS cost, canon.tokens
    FROM canon JOIN k_acct ka ON canon.ad = ka.id JOIN k_cc cc ON canon.cc = cc.id)
  ${parts.join("\nUNION ALL ")}`;
}
