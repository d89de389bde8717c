// A bare DuckDB aggregate of a CUR export, run as its own process by the ingest bench: every line
// grouped by (day, account, usage type, principal, resource) — the keys ingest-cur reduces to.
import { DuckDBInstance } from "@duckdb/node-api";

const dir = process.argv[2];
const instance = await DuckDBInstance.create(":memory:");
const con = await instance.connect();
await con.run(`CREATE TEMP TABLE keys AS
  SELECT substr(CAST(line_item_usage_start_date AS VARCHAR), 1, 10) AS day, line_item_usage_account_id,
    line_item_usage_type, line_item_iam_principal, line_item_resource_id,
    sum(line_item_usage_amount) AS usage_amount, sum(line_item_unblended_cost) AS cost, count(*) AS n
  FROM read_parquet('${dir.replaceAll("'", "''")}/data/**/*.parquet') GROUP BY ALL`);
const r = await con.runAndReadAll("SELECT count(*)::DOUBLE AS keys, sum(n)::DOUBLE AS lines FROM keys");
console.log(JSON.stringify(r.getRowObjectsJS()[0]));
con.closeSync();
instance.closeSync();
