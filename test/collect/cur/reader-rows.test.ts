import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../../src/collect/cur/reader-files.js";
import { readKeyRows } from "../../../src/collect/cur/reader-rows.js";
import { AGG_TABLE, KEY_COLUMNS } from "../../../src/collect/cur/reader-sql.js";

const keys = KEY_COLUMNS.join(", ");
const sortKey = (r: Record<string, unknown>) => KEY_COLUMNS.map((c) => String(r[c])).join("|");

/** Real DuckDB: `agg` filled with `values` (SQL tuples), read both ways. */
async function readBoth(values: string[]) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    await con.run(AGG_TABLE);
    if (values.length) await con.run(`INSERT INTO agg VALUES ${values.join(", ")}`);
    const encoded = await readKeyRows(con);
    const plain = resultRows(
      await con.runAndReadAll(
        `SELECT ${keys}, sum(usage_amount) AS usage_amount, sum(cost) AS cost, sum(list_cost) AS list_cost,
           sum(n) AS n FROM agg GROUP BY ${keys}`,
      ),
    );
    const sort = (rows: Record<string, unknown>[]) =>
      [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    return { encoded: sort(encoded), plain: sort(plain) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const row = (
  day: string,
  account: string | null,
  principal: string | null,
  tags: string | null,
  cost: number,
) => {
  const v = (s: string | null) => (s === null ? "NULL" : `'${s}'`);
  const cols: Record<string, string> = Object.fromEntries(KEY_COLUMNS.map((c) => [c, "NULL"]));
  Object.assign(cols, {
    day: v(day),
    account: v(account),
    product_code: v("AmazonBedrock"),
    usage_type: v("USE1-Claude4.6Sonnet-input-tokens"),
    principal: v(principal),
    tags: v(tags),
  });
  return `(${KEY_COLUMNS.map((c) => cols[c]).join(", ")}, 1000, ${cost}, NULL, 3)`;
};

describe("readKeyRows (dictionary-encoded daily keys)", () => {
  it("returns exactly the rows of a plain GROUP BY, NULL keys and full-precision sums included", async () => {
    const { encoded, plain } = await readBoth([
      row("2026-11-01", "111111111111", "arn:aws:iam::111111111111:role/a", '{"team":"x"}', 0.1),
      row("2026-11-01", "111111111111", "arn:aws:iam::111111111111:role/a", '{"team":"x"}', 0.2),
      row("2026-11-01", "111111111111", null, null, 1 / 3),
      row("2026-11-02", null, null, '{"team":"y"}', 2.5e-7),
      row("2026-11-02", "222222222222", "arn:aws:iam::222222222222:user/b", null, 7),
    ]);
    expect(encoded).toHaveLength(4);
    expect(encoded).toEqual(plain);
    const merged = encoded.find((r) => r.principal === "arn:aws:iam::111111111111:role/a");
    expect(merged).toMatchObject({ cost: 0.1 + 0.2, n: 6, usage_amount: 2000, list_cost: null });
    expect(encoded.filter((r) => r.account === null)).toHaveLength(1);
  });

  it("returns no rows for an empty aggregate", async () => {
    const { encoded } = await readBoth([]);
    expect(encoded).toEqual([]);
  });
});
