import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { readPeriod } from "../../../src/collect/cur/reader.js";
import { resultRows } from "../../../src/collect/cur/reader-files.js";
import { tempDir } from "../../helpers/db.js";

type Line = [code: string, entity: string, name: string, cost: number];

/** A real Parquet file with the columns the reader needs and a `product` map. */
async function readLines(lines: Line[]) {
  const path = join(tempDir(), "part-00001.snappy.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    const values = lines
      .map(
        ([code, entity, name, cost]) =>
          `(TIMESTAMP '2026-11-03 00:00:00', '111111111111', '${code}', 'USE1-MP:USE1_InputTokenCount-Units', 'Usage', ${cost}, 1.0, '${entity}', MAP {'product_name': '${name}'})`,
      )
      .join(", ");
    await con.run(`COPY (SELECT * FROM (VALUES ${values}) t(line_item_usage_start_date, line_item_usage_account_id,
      line_item_product_code, line_item_usage_type, line_item_line_item_type, line_item_unblended_cost,
      line_item_usage_amount, bill_billing_entity, product)) TO '${path}' (FORMAT parquet)`);
    const read = await readPeriod(con, [{ key: "f", path, format: "parquet", size: 1000 }]);
    const agg = resultRows(
      await con.runAndReadAll(
        "SELECT product_code, product_name, sum(cost) AS cost, sum(n)::INTEGER AS n FROM agg GROUP BY ALL ORDER BY ALL",
      ),
    );
    return { read, agg };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const BEDROCK_AWS: Line = ["AmazonBedrock", "AWS", "Amazon Bedrock", 1];
const CLAUDE: Line = ["mpclaude", "AWS Marketplace", "Claude 3 Haiku (Amazon Bedrock Edition)", 2];
const SAAS: Line = ["mpsaas", "AWS Marketplace", "Observability Pro (SaaS)", 4];

describe("readPeriod scans", () => {
  it("one scan: AWS-billed Bedrock codes (no name) and Bedrock-edition Marketplace lines with their name", async () => {
    const { read, agg } = await readLines([BEDROCK_AWS, CLAUDE, CLAUDE, SAAS]);
    expect(agg).toEqual([
      { product_code: "AmazonBedrock", product_name: null, cost: 1, n: 1 },
      { product_code: "mpclaude", product_name: CLAUDE[2], cost: 4, n: 2 },
    ]);
    expect([read.rowsRead, read.otherRows]).toEqual([4, 1]);
  });

  it("a Marketplace code with two Bedrock names falls back to reading the name per line", async () => {
    const renamed: Line = ["mpclaude", "AWS Marketplace", "Claude 3 Haiku v2 (Amazon Bedrock Edition)", 8];
    const { read, agg } = await readLines([BEDROCK_AWS, CLAUDE, renamed, SAAS]);
    expect(agg).toEqual([
      { product_code: "AmazonBedrock", product_name: null, cost: 1, n: 1 },
      { product_code: "mpclaude", product_name: CLAUDE[2], cost: 2, n: 1 },
      { product_code: "mpclaude", product_name: renamed[2], cost: 8, n: 1 },
    ]);
    expect([read.rowsRead, read.otherRows]).toEqual([4, 1]);
  });
});
