import type { DuckDBConnection } from "@duckdb/node-api";
import { resultRows } from "./reader-files.js";
import { KEY_COLUMNS } from "./reader-sql.js";
import type { AggRow } from "./reader-types.js";

/**
 * The daily keys of `agg` as JS rows, dictionary-encoded on the way out. Turning a DuckDB VARCHAR
 * into a JS string costs ~1.5 µs (a TextDecoder call per value): 16 key columns × 16k keys took
 * ~450 ms, more than the Parquet scan. Each column has few distinct values (days, accounts, usage
 * types), so DuckDB returns small integer codes plus one short dictionary per column, and the rows
 * reuse the dictionaries' strings.
 */
export async function readKeyRows(con: DuckDBConnection): Promise<AggRow[]> {
  const dicts: (string | null)[][] = [];
  for (const [i, c] of KEY_COLUMNS.entries()) {
    // `id` numbers the distinct values (NULL included) from 0; codes index the JS array directly.
    await con.run(`CREATE OR REPLACE TEMP TABLE dict_${i} AS
      SELECT v, (row_number() OVER () - 1)::INTEGER AS id FROM (SELECT DISTINCT ${c} AS v FROM agg)`);
    const rows = resultRows(await con.runAndReadAll(`SELECT v, id FROM dict_${i}`));
    const dict: (string | null)[] = new Array(rows.length);
    for (const r of rows) dict[r.id as number] = (r.v as string | null) ?? null;
    dicts.push(dict);
  }
  const keys = KEY_COLUMNS.join(", ");
  const codes = KEY_COLUMNS.map((_, i) => `d${i}.id AS c${i}`).join(", ");
  const joins = KEY_COLUMNS.map((c, i) => `JOIN dict_${i} d${i} ON g.${c} IS NOT DISTINCT FROM d${i}.v`).join(
    "\n      ",
  );
  const result = await con.runAndReadAll(
    `SELECT ${codes}, g.usage_amount, g.cost, g.list_cost, g.n
     FROM (SELECT ${keys}, sum(usage_amount) AS usage_amount, sum(cost) AS cost, sum(list_cost) AS list_cost,
             sum(n) AS n FROM agg GROUP BY ALL) g
      ${joins}`,
  );
  const cols = result.getColumnsJS();
  const count = cols[0]?.length ?? 0;
  const k = KEY_COLUMNS.length;
  const out: AggRow[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const row = {
      usage_amount: cols[k][r] as number,
      cost: cols[k + 1][r] as number,
      list_cost: cols[k + 2][r] as number | null,
      n: cols[k + 3][r] as number,
    } as AggRow;
    for (let i = 0; i < k; i++) row[KEY_COLUMNS[i]] = dicts[i][cols[i][r] as number];
    out[r] = row;
  }
  return out;
}
