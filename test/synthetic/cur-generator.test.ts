import { readdirSync, readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import { tempDir } from "../helpers/db.js";

const NOW = new Date("2026-11-06T09:30:00Z");
const glue = JSON.parse(
  readFileSync(
    new URL("../fixtures/cur2/cid-cur2-glue-table-columns.json", import.meta.url),
    "utf8",
  ).toString(),
) as {
  columns: { Name: string; Type: string }[];
};

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

const DUCK_TYPE: Record<string, string> = {
  string: "VARCHAR",
  double: "DOUBLE",
  timestamp: "TIMESTAMP",
  "map<string,string>": "MAP(VARCHAR, VARCHAR)",
  "map<string,double>": "MAP(VARCHAR, DOUBLE)",
};

describe("generateCurExport", () => {
  it("writes CID's CUR 2.0 columns with their types, in the Data Exports folder layout", async () => {
    const gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 1,
      daysPerPeriod: 2,
      rowsPerChunk: 1500,
    });
    const dir = `${gen.exportDir}/data/BILLING_PERIOD=2026-11`;
    expect(readdirSync(dir).sort()).toEqual([
      "bedrock-spend-demo-00001.snappy.parquet",
      "bedrock-spend-demo-00002.snappy.parquet",
    ]);
    const manifest = JSON.parse(
      readFileSync(
        `${gen.exportDir}/metadata/BILLING_PERIOD=2026-11/bedrock-spend-demo-Manifest.json`,
        "utf8",
      ),
    );
    expect(manifest.dataFiles).toEqual(
      readdirSync(dir)
        .sort()
        .map((f) => `s3://demo-cur-bucket/cur/bedrock-spend-demo/data/BILLING_PERIOD=2026-11/${f}`),
    );
    const cols = await query(`DESCRIBE SELECT * FROM read_parquet('${dir}/*.parquet')`);
    const types = new Map(cols.map((c) => [c.column_name, c.column_type]));
    for (const c of glue.columns) expect([c.Name, types.get(c.Name)]).toEqual([c.Name, DUCK_TYPE[c.Type]]);
  });

  it("bills ≥8 models first-party and via Marketplace, with tiers, routes, PT, principals, tags and adjustments", async () => {
    const gen = await generateCurExport({ root: tempDir(), now: NOW, months: 1, daysPerPeriod: 5 });
    const files = `read_parquet('${gen.exportDir}/data/**/*.parquet')`;
    const [r] = await query(`SELECT
      count(DISTINCT line_item_usage_type) FILTER (WHERE line_item_usage_type SIMILAR TO 'USE1-NovaPro-input-tokens(-batch|-flex|-priority)?') AS nova_tiers,
      count(*) FILTER (WHERE bill_billing_entity = 'AWS Marketplace' AND product['product_name'] LIKE '% (Amazon Bedrock Edition)'
        AND pricing_unit = 'Units' AND line_item_line_item_description LIKE 'AWS Marketplace software usage|%|Million %') AS mp,
      count(*) FILTER (WHERE line_item_usage_type LIKE '%cross-region-global' OR line_item_usage_type LIKE '%\\_Global%' ESCAPE '\\') AS global,
      count(*) FILTER (WHERE line_item_usage_type LIKE '%ProvisionedThroughput%ModelUnits') AS pt,
      count(*) FILTER (WHERE line_item_usage_type LIKE '%cache-read%' OR line_item_usage_type LIKE '%CacheRead%') AS cache_read,
      count(*) FILTER (WHERE resource_tags['user_team'] IS NOT NULL) AS tagged,
      count(*) FILTER (WHERE tags['iamPrincipal/team'] IS NOT NULL) AS principal_tagged,
      count(DISTINCT line_item_iam_principal) AS principals,
      count(DISTINCT line_item_usage_account_id) AS accounts,
      count(DISTINCT line_item_line_item_type) AS line_types,
      count(*) FILTER (WHERE line_item_product_code IN ('AmazonEC2', 'AmazonS3', 'AWSLambda')) AS other
      FROM ${files}`);
    // 2 provisioned throughputs × 5 days; 6 principals + the 2 callers of the savings traffic.
    expect(r).toMatchObject({ nova_tiers: 4n, pt: 10n, accounts: 3n, principals: 8n, line_types: 5n });
    for (const k of ["mp", "global", "cache_read", "tagged", "principal_tagged", "other"])
      expect(Number(r[k])).toBeGreaterThan(0);
    const t = gen.truth.periods["2026-11"];
    expect(Object.keys(t.byModel).length).toBeGreaterThanOrEqual(8);
    expect(t.creditsUsd).toBeLessThan(0);
    expect(t.taxUsd).toBeGreaterThan(0);
    const [sum] = await query(`SELECT sum(line_item_unblended_cost) AS c, count(*) AS n FROM ${files}
      WHERE line_item_line_item_type = 'Usage' AND (line_item_product_code LIKE 'AmazonBedrock%' OR product['product_name'] LIKE '%Bedrock%')`);
    expect(Number(sum.c)).toBeCloseTo(t.costUsd, 6);
    expect(Number(sum.n)).toBe(t.bedrockUsageLines);
  });

  it("is deterministic, puts the spike on now − 4 days, and honours scale with ~10% Bedrock", async () => {
    const a = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 1,
      daysPerPeriod: 5,
      scale: 30_000,
    });
    const b = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 1,
      daysPerPeriod: 5,
      scale: 30_000,
    });
    expect(a.truth).toEqual(b.truth);
    const t = a.truth.periods["2026-11"];
    expect(t.lines).toBe(30_000);
    expect(t.bedrockLines / t.lines).toBeGreaterThan(0.09);
    expect(t.bedrockLines / t.lines).toBeLessThan(0.11);
    const days = Object.entries(t.byDay).sort(([, x], [, y]) => y - x);
    expect(days[0][0]).toBe("2026-11-02");
  });

  it("writes CSV.gz with maps as JSON text and ISO timestamps", async () => {
    const gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 1,
      daysPerPeriod: 1,
      format: "csv",
    });
    const rows =
      await query(`SELECT resource_tags, product, line_item_usage_start_date, line_item_usage_account_id
      FROM read_csv('${gen.exportDir}/data/**/*.csv.gz', all_varchar = true) WHERE resource_tags <> '{}' LIMIT 1`);
    expect(JSON.parse(String(rows[0].resource_tags))).toHaveProperty("user_team");
    expect(JSON.parse(String(rows[0].product))).toHaveProperty("product_name");
    expect(rows[0].line_item_usage_start_date).toMatch(/^2026-11-05T\d{2}:00:00Z$/);
    expect(rows[0].line_item_usage_account_id).toMatch(/^\d{12}$/);
  });
});
