import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { adjustmentKind, canonicalTags, normalizePeriod } from "../../../src/collect/cur/normalize.js";
import { AGG_TABLE, KEY_COLUMNS, type KeyColumn } from "../../../src/collect/cur/reader-sql.js";
import { COST_ROW_COLUMNS } from "../../../src/store/queries/cur.js";
import { ROLLUP_ROW_COLUMNS } from "../../../src/store/schema-estimate.js";
import { decodeRows } from "../../helpers/coded-rows.js";

const W = ROLLUP_ROW_COLUMNS.length;

type Key = Record<KeyColumn, string | null> & {
  usage_amount: number;
  cost: number;
  list_cost: number | null;
  n: number;
};

const row = (over: Partial<Key>): Key => ({
  day: "2026-11-03",
  payer: "999999999999",
  account: "111111111111",
  account_name: "prod",
  product_code: "AmazonBedrock",
  billing_entity: "AWS",
  product_name: null,
  usage_type: "USE1-NovaPro-input-tokens",
  operation: "InvokeModelInference",
  description: "$0.0008 per 1K input tokens",
  pricing_unit: "1K tokens",
  resource_id: null,
  principal: "arn:aws:iam::111111111111:user/a",
  line_item_type: "Usage",
  resource_tags: null,
  tags: null,
  usage_amount: 10,
  cost: 0.008,
  list_cost: 0.008,
  n: 2,
  ...over,
});

const lit = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`;

/** Real DuckDB: the daily keys in `agg` (as the reader leaves them), normalized, cost rows read out. */
async function normalize(keys: Key[]) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    await con.run(AGG_TABLE);
    const cols = [...KEY_COLUMNS, "usage_amount", "cost", "list_cost", "n"] as const;
    const values = keys.map((k) => `(${cols.map((c) => lit(k[c])).join(", ")})`);
    if (values.length) await con.run(`INSERT INTO agg VALUES ${values.join(", ")}`);
    const out = await normalizePeriod(con, "2026-11");
    const cost = await decodeRows(out.cost(), COST_ROW_COLUMNS);
    const rollup: unknown[][] = [];
    for await (const chunk of out.rollup())
      for (let i = 0; i < chunk.length; i += W) rollup.push(chunk.slice(i, i + W));
    return { ...out, cost, rollup };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe("normalizePeriod", () => {
  it("classifies, scales tokens and merges lines that differ only in fields the store does not keep", async () => {
    const out = await normalize([row({}), row({ operation: "InvokeModelStreamingInference", n: 3 })]);
    expect(out.cost).toHaveLength(1);
    expect(out.costRows).toBe(1);
    expect(out.cost[0]).toMatchObject({
      model: "Nova Pro",
      token_type: "input",
      region: "us-east-1",
      tokens: 20_000,
      usage_amount: 20,
    });
    expect(out.cost[0].cost_usd).toBeCloseTo(0.016, 12);
    expect([out.bedrockLines, out.skippedLines, out.lastUsageDay]).toEqual([5, 0, "2026-11-03"]);
    expect(out.days).toEqual(["2026-11-03"]);
  });

  it("keeps adjustments apart, skips non-Bedrock candidates and uncounted types, and warns on unknown usage types", async () => {
    const out = await normalize([
      row({ line_item_type: "Credit", cost: -5, n: 1 }),
      row({ line_item_type: "Tax", usage_type: "", cost: 1.2, n: 1 }),
      row({ line_item_type: "PrivateRateDiscount", cost: -0.5, n: 1 }),
      row({ line_item_type: "Fee", cost: 9, n: 4 }),
      row({ billing_entity: "AWS Marketplace", product_code: "abc", product_name: "Some SaaS", n: 7 }),
      row({ usage_type: "USE1-Zorblax-thing", cost: 3, n: 1 }),
    ]);
    const adj = out.adjustments.map((a) => [a.kind, a.amount_usd, a.model]);
    expect(adj.sort()).toEqual(
      [
        ["credit", -5, "Nova Pro"],
        ["tax", 1.2, null],
        ["discount", -0.5, "Nova Pro"],
      ].sort(),
    );
    expect(out.costUsd).toBe(3);
    expect(out.skippedLines).toBe(11);
    expect(out.bedrockLines).toBe(4);
    expect(out.warnings.join("\n")).toMatch(/USE1-Zorblax-thing.*\(1 line\(s\), \$3\.00\)/);
    expect(out.warnings.join("\n")).toMatch(/type "Fee" are not counted as cost \(4 line\(s\), \$9\.00\)/);
  });

  it("keeps NULL and empty keys apart where the store does, and canonical tags merge raw tag spellings", async () => {
    const out = await normalize([
      row({ principal: null, resource_tags: '{"user_team":"a"}', cost: 1, n: 1 }),
      row({ principal: null, resource_tags: '{"user_team":"a","aws_createdBy":"x"}', cost: 2, n: 1 }),
      row({ principal: "p", pricing_unit: null, cost: 4, n: 1 }),
      row({ principal: "p", pricing_unit: "", cost: 8, n: 1 }),
    ]);
    const byCost = Object.fromEntries(out.cost.map((r) => [r.cost_usd as number, r]));
    expect(
      Object.keys(byCost)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([3, 4, 8]);
    expect(byCost[3]).toMatchObject({ principal: null, tags: '{"team":"a"}' });
    expect([byCost[4].unit, byCost[8].unit]).toEqual([null, ""]);
  });

  it("rolls the rows up per day: the total, each dimension and each tag value", async () => {
    const out = await normalize([
      row({ tags: '{"iamPrincipal/team":"x"}', cost: 1, n: 1 }),
      row({ account: "222222222222", account_name: "b", principal: null, cost: 2, n: 1 }),
    ]);
    const find = (dim: string, key: string | null) => out.rollup.find((r) => r[1] === dim && r[2] === key);
    // day, dim, key, key2, account_name, lines, priced_lines, cost, tokens, unpriced, principal_cost,
    // tagged_cost
    expect(find("*", null)).toEqual(["2026-11-03", "*", null, null, null, 2, 2, 3, 20_000, 0, 1, 1]);
    expect(find("account", "222222222222")?.slice(3, 8)).toEqual([null, "b", 1, 1, 2]);
    expect(find("principal", null)?.slice(5, 8)).toEqual([1, 1, 2]);
    expect(find("tag:iamPrincipal/team", "x")?.slice(5, 8)).toEqual([1, 1, 1]);
    expect(out.rollup.filter((r) => r[1] === "model")).toHaveLength(1);
    // The account × model pair: one row per account, the model in key2, the account's name.
    const pairs = out.rollup.filter((r) => r[1] === "account,model");
    expect(pairs.map((r) => r.slice(2, 8))).toEqual(
      expect.arrayContaining([["222222222222", out.rollup.find((r) => r[1] === "model")?.[2], "b", 1, 1, 2]]),
    );
    expect(pairs).toHaveLength(2);
  });

  it("maps tags: resource tags by plain key, principal tags as iamPrincipal/<k>, others dropped", () => {
    expect(
      JSON.parse(
        canonicalTags(
          '{"user_team":"search","aws_createdBy":"x","user_app":""}',
          '{"iamPrincipal/team":"chat","accountTag/env":"prod"}',
        ),
      ),
    ).toEqual({ team: "search", "iamPrincipal/team": "chat" });
    expect(canonicalTags("not json", null)).toBe("{}");
    expect(
      ["Credit", "Refund", "Tax", "BundledDiscount", "EdpDiscount", "Usage"].map(adjustmentKind),
    ).toEqual(["credit", "refund", "tax", "discount", "discount", null]);
  });
});
