import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../src/store/db.js";
import { migrations } from "../../../src/store/migrations/index.js";
import { querySpend, type SpendGroupKey, type SpendQuery } from "../../../src/store/queries/spend.js";
import { refreshSpendRollup } from "../../../src/store/queries/spend-rollup.js";
import { rollupSpans } from "../../../src/store/queries/spend-rollup-months.js";
import {
  monthAlignedRange,
  type RollupPlan,
  rollupPlan,
} from "../../../src/store/queries/spend-rollup-read.js";
import { memoryDb, sqliteFileDb, tempDir } from "../../helpers/db.js";
import { billed, estimate, insertBilled, insertEstimates } from "../../helpers/spend-rows.js";
import { DAYS, fixtureRows } from "./spend-fixture.js";

let db: Db;
const billedRange = { from: DAYS[0], to: "2026-11-02" };
const estimatedRange = { from: "2026-11-03", to: "2026-11-05" };

beforeAll(async () => {
  db = await memoryDb();
  await insertBilled(db, fixtureRows());
  await insertEstimates(db, [
    estimate({ day: "2026-11-03", cost_usd: 2, tokens: 20, tags: '{"team":"search"}' }),
    estimate({
      day: "2026-11-03",
      model: "New Model",
      cost_usd: null,
      tokens: 70,
      tags: '{"team":"search"}',
    }),
    estimate({ day: "2026-11-04", model: "New Model", cost_usd: null, tokens: 30 }), // untagged, unpriced
    estimate({
      day: "2026-11-04",
      cost_usd: 1.25,
      tokens: 10,
      principal: "arn:aws:iam::111111111111:user/ops",
    }),
    estimate({
      day: "2026-11-05",
      cost_usd: 0.5,
      tokens: 5,
      tags: '{"iamPrincipal/team":"chat"}',
      source: "logs",
    }),
  ]);
});

/** Runs q through the rollup and through the raw rows; both must agree. */
async function bothPaths(q: Omit<SpendQuery, "limit">) {
  const fast = await querySpend(db, { ...q, limit: 1000 });
  const slow = await querySpend(db, { ...q, limit: 1000, useRollup: false });
  expect(fast.rows.map((r) => r.keys)).toEqual(slow.rows.map((r) => r.keys));
  fast.rows.forEach((r, i) => {
    const s = slow.rows[i];
    expect(r.costUsd === null).toBe(s.costUsd === null);
    expect(r.costUsd ?? 0).toBeCloseTo(s.costUsd ?? 0, 9);
    expect([r.tokens, r.unpricedTokens, r.accountName]).toEqual([s.tokens, s.unpricedTokens, s.accountName]);
  });
  for (const k of Object.keys(slow.totals) as (keyof typeof slow.totals)[]) {
    expect(fast.totals[k]).toBeCloseTo(slow.totals[k], 9);
  }
  return fast;
}

describe("spend rollup", () => {
  it.each<SpendGroupKey[]>([
    ["model"],
    ["token_type"],
    ["pricing_model"],
    ["route"],
    ["region"],
    ["account"],
    ["principal"],
    ["day"],
    ["tag:team"],
    ["tag:iamPrincipal/team"],
    ["day", "account"],
    ["model", "day"],
    ["day", "tag:team"],
    ["tag:app"],
    ["account", "model"],
    ["model", "day", "account"],
  ])("answers %j like the raw rows, billed and estimated together", async (...groupBy) => {
    const out = await bothPaths({ groupBy, billed: billedRange, estimated: estimatedRange });
    expect(out.rows.length).toBeGreaterThan(1);
  });

  it.each<SpendGroupKey[]>([
    ["model"],
    ["account"],
    ["principal"],
    ["tag:team"],
    ["tag:app"],
    ["tag:iamPrincipal/team"],
    ["account", "model"],
  ])("answers %j over whole months (month rows) like the raw rows", async (...groupBy) => {
    for (const [b, e] of [
      [
        { from: "2026-09-20", to: "2026-11-02" },
        { from: "2026-11-03", to: "2026-11-30" },
      ],
      [
        { from: "2026-10-01", to: "2026-10-31" },
        { from: "2026-11-01", to: "2026-12-31" },
      ],
    ]) {
      const out = await bothPaths({ groupBy, billed: b, estimated: e });
      expect(out.rows.length).toBeGreaterThan(1);
    }
    const filtered = await bothPaths({
      groupBy,
      filters: { account: ["111111111111"] },
      billed: { from: "2026-10-01", to: "2026-11-30" },
    });
    expect(filtered.totals.costUsd).toBeGreaterThan(0);
  });

  it.each([
    ["a whole month", "2026-10-01", "2026-10-31", false, [["2026-10", "2026-10", true]]],
    [
      "days, months, days",
      "2026-09-20",
      "2026-11-02",
      false,
      [
        ["2026-09-20", "2026-09-30", false],
        ["2026-10", "2026-10", true],
        ["2026-11-01", "2026-11-02", false],
      ],
    ],
    [
      "13 months billed through the 29th",
      "2025-11-01",
      "2026-11-29",
      false,
      [
        ["2025-11", "2026-10", true],
        ["2026-11-01", "2026-11-29", false],
      ],
    ],
    ["inside one month", "2026-10-05", "2026-10-20", false, [["2026-10-05", "2026-10-20", false]]],
    ["a leap February", "2028-02-01", "2028-02-29", false, [["2028-02", "2028-02", true]]],
    [
      "grouped by day: day rows only",
      "2026-01-01",
      "2026-12-31",
      true,
      [["2026-01-01", "2026-12-31", false]],
    ],
  ] as const)("rollupSpans: %s", (_name, from, to, byDay, spans) => {
    expect(rollupSpans({ from, to }, byDay)).toEqual(
      spans.map(([f, t, monthly]) => ({ from: f, to: t, monthly })),
    );
  });

  it("widens a range to whole months only where the source has no day in between", async () => {
    const store = await memoryDb();
    try {
      const day = (d: string, cost_usd: number) =>
        billed({ day: d, cost_usd, principal: `arn:aws:iam::1:user/${d}` });
      await insertBilled(store, [
        day("2026-10-02", 1),
        day("2026-10-30", 2),
        day("2026-11-03", 4),
        day("2026-11-10", 8),
      ]);
      await refreshSpendRollup(store);
      const aligned = (from: string, to: string) => monthAlignedRange(store, "billed", { from, to });
      // Month to date on data through the 10th: the month rows stand for it.
      expect(await aligned("2026-11-01", "2026-11-12")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
      expect(await aligned("2026-11-02", "2026-11-10")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
      // A day with rows between the range and the month's edge keeps the range where it is.
      expect(await aligned("2026-11-04", "2026-11-09")).toEqual({ from: "2026-11-04", to: "2026-11-09" });
      expect(await aligned("2026-10-03", "2026-10-29")).toEqual({ from: "2026-10-03", to: "2026-10-29" });
      // The other source's days do not count: no estimates at all.
      expect(await monthAlignedRange(store, "estimated", { from: "2026-11-05", to: "2026-11-06" })).toEqual({
        from: "2026-11-01",
        to: "2026-11-30",
      });
      for (const [from, to] of [
        ["2026-11-01", "2026-11-12"],
        ["2026-10-02", "2026-11-09"],
        ["2026-10-15", "2026-11-10"],
      ]) {
        const q = { groupBy: ["principal"] as SpendGroupKey[], billed: { from, to }, limit: 100 };
        const fast = await querySpend(store, q);
        expect(fast).toEqual(await querySpend(store, { ...q, useRollup: false }));
      }
      const mtd = await querySpend(store, {
        groupBy: ["principal"],
        billed: { from: "2026-11-02", to: "2026-11-09" },
        limit: 100,
      });
      expect(mtd.rows.map((r) => [r.keys[0], r.costUsd])).toEqual([["arn:aws:iam::1:user/2026-11-03", 4]]);
    } finally {
      await store.destroy();
    }
  });

  it("keeps unpriced estimates null and lines without the tag in the null group", async () => {
    const out = await bothPaths({ groupBy: ["tag:team"], estimated: estimatedRange });
    expect(out.rows).toEqual([
      { keys: ["search"], accountName: null, costUsd: 2, tokens: 90, unpricedTokens: 70 },
      { keys: [null], accountName: null, costUsd: 1.75, tokens: 45, unpricedTokens: 30 },
    ]);
    const byModel = await bothPaths({
      groupBy: ["model", "day"],
      estimated: { from: "2026-11-04", to: "2026-11-04" },
    });
    expect(byModel.rows.find((r) => r.keys[0] === "New Model")?.costUsd).toBeNull();
  });

  it("follows inserts, updates and deletes of the source rows", async () => {
    await refreshSpendRollup(db);
    expect(await refreshSpendRollup(db)).toBe(0);
    await db.deleteFrom("cost_daily").where("day", "=", "2026-10-31").execute();
    await db.updateTable("cost_daily").set({ cost_usd: 1234.5 }).where("day", "=", "2026-11-01").execute();
    await insertEstimates(db, [
      estimate({ day: "2026-11-05", model: "Late Model", cost_usd: 99, tokens: 9 }),
    ]);
    const out = await bothPaths({ groupBy: ["day"], billed: billedRange, estimated: estimatedRange });
    expect(out.rows.map((r) => r.keys[0])).not.toContain("2026-10-31");
    // The month rows follow too (October and November read whole).
    await bothPaths({
      groupBy: ["model"],
      billed: { from: "2026-10-01", to: "2026-10-31" },
      estimated: { from: "2026-11-01", to: "2026-11-30" },
    });
    expect(out.rows[0].keys[0]).toBe("2026-11-01");
    expect(await refreshSpendRollup(db)).toBe(0); // the query already rebuilt what changed
  });

  it.each<[string, Pick<SpendQuery, "groupBy" | "filters">, RollupPlan | null]>([
    ["one dimension", { groupBy: ["model"] }, { dim: "model" }],
    ["dimension and day", { groupBy: ["day", "account"] }, { dim: "account" }],
    ["day alone", { groupBy: ["day"] }, { dim: "*" }],
    ["a tag", { groupBy: ["tag:team"] }, { dim: "tag:team" }],
    ["the account × model pair", { groupBy: ["model", "account"] }, { dim: "account,model" }],
    ["two dimensions that are not a pair need the raw rows", { groupBy: ["model", "region"] }, null],
    [
      "a model filter by account reads the pair, the models in key2",
      { groupBy: ["account"], filters: { model: ["a"] } },
      { dim: "account,model", keys2: ["a"] },
    ],
    [
      "an account filter by model reads the pair",
      { groupBy: ["model"], filters: { account: ["111111111111"] } },
      { dim: "account,model", keys: ["111111111111"] },
    ],
    [
      "filters on both columns of the pair",
      { groupBy: ["day"], filters: { account: ["1"], model: ["a", "b"] } },
      { dim: "account,model", keys: ["1"], keys2: ["a", "b"] },
    ],
    [
      "the pair and a third column need the raw rows",
      { groupBy: ["model"], filters: { account: ["1"], region: ["us-east-1"] } },
      null,
    ],
    ["a key grouped twice needs the raw rows", { groupBy: ["model", "model"] }, null],
    [
      "a filter on another dimension needs the raw rows",
      { groupBy: ["model"], filters: { region: ["us-east-1"] } },
      null,
    ],
    [
      "filters on two dimensions need the raw rows",
      { groupBy: ["day"], filters: { region: ["us-east-1"], account: ["111111111111"] } },
      null,
    ],
    [
      "a filter on the grouped dimension keeps its keys",
      { groupBy: ["model"], filters: { model: ["a", "b"] } },
      { dim: "model", keys: ["a", "b"] },
    ],
    [
      "an account filter by day reads the account rows",
      { groupBy: ["day"], filters: { account: ["111111111111"] } },
      { dim: "account", keys: ["111111111111"] },
    ],
    [
      "a tag filter by day reads that tag's rows",
      { groupBy: ["day"], filters: { tag: { key: "team", value: "x" } } },
      { dim: "tag:team", keys: ["x"] },
    ],
    ["empty filters do not count", { groupBy: ["model"], filters: { model: [] } }, { dim: "model" }],
    [
      "repeated filter values count once",
      { groupBy: ["day"], filters: { account: ["1", "1", "2"] } },
      { dim: "account", keys: ["1", "2"] },
    ],
    [
      "a filter of thousands of values needs the raw rows (bound parameters)",
      { groupBy: ["model"], filters: { model: Array.from({ length: 10_000 }, (_, i) => `m${i}`) } },
      null,
    ],
  ])("%s", (_name, q, plan) => {
    expect(rollupPlan({ ...q, limit: 1 })).toEqual(plan);
  });

  it.each<[string, Pick<SpendQuery, "groupBy" | "filters">]>([
    ["one account by day", { groupBy: ["day"], filters: { account: ["111111111111"] } }],
    ["two accounts by day", { groupBy: ["day"], filters: { account: ["111111111111", "222222222222"] } }],
    [
      "two accounts by account",
      { groupBy: ["account"], filters: { account: ["111111111111", "222222222222"] } },
    ],
    ["one model by model and day", { groupBy: ["model", "day"], filters: { model: ["Claude Sonnet 4.6"] } }],
    [
      "a principal by day",
      { groupBy: ["day"], filters: { principal: ["arn:aws:iam::111111111111:user/ops"] } },
    ],
    ["a tag value by day", { groupBy: ["day"], filters: { tag: { key: "team", value: "search" } } }],
    [
      "a tag value by that tag",
      { groupBy: ["tag:team"], filters: { tag: { key: "team", value: "search" } } },
    ],
    ["a value no line has", { groupBy: ["day"], filters: { account: ["999999999999"] } }],
    ["one account by model", { groupBy: ["model"], filters: { account: ["111111111111"] } }],
    [
      "two accounts by model and day",
      { groupBy: ["model", "day"], filters: { account: ["111111111111", "222222222222"] } },
    ],
    ["one account by day and model", { groupBy: ["day", "model"], filters: { account: ["111111111111"] } }],
    ["one model by account", { groupBy: ["account"], filters: { model: ["Claude Sonnet 4.6"] } }],
    [
      "one account and one model by day",
      { groupBy: ["day"], filters: { account: ["111111111111"], model: ["Claude Sonnet 4.6"] } },
    ],
    [
      "one account and two models by day",
      { groupBy: ["day"], filters: { account: ["111111111111"], model: ["Claude Sonnet 4.6", "Nova Pro"] } },
    ],
  ])("a filter on one dimension: %s, like the raw rows", async (name, q) => {
    const plan = rollupPlan({ ...q, limit: 1 });
    expect(plan?.keys ?? plan?.keys2).toBeDefined();
    const out = await bothPaths({ ...q, billed: billedRange, estimated: estimatedRange });
    expect(out.rows.length > 0).toBe(!name.includes("no line"));
  });
});

describe("a store rolled up before the account × model pair (migration 0011)", () => {
  it("rebuilds its rollup once, so the pair answers like the raw rows", async () => {
    const path = `${tempDir()}/old.db`;
    const old: Db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    const names = Object.keys(migrations);
    const { error } = await new Migrator({
      db: old,
      provider: { getMigrations: async () => migrations },
    }).migrateTo(names[names.indexOf("0011-rollup-pairs") - 1]);
    expect(error).toBeUndefined();
    await insertBilled(old, fixtureRows());
    // What the previous version's refresh left: day totals, nothing dirty (its dimensions alone
    // would do; the point is that no pair rows exist yet).
    await sql`INSERT INTO spend_rollup (src, day, dim, lines, priced_lines, cost, tokens, unpriced_tokens,
      principal_cost, tagged_cost) SELECT 'billed', day, '*', count(*), count(cost_usd), sum(cost_usd),
      total(tokens), 0, 0, 0 FROM cost_daily GROUP BY day`.execute(old);
    await old.deleteFrom("spend_rollup_dirty").execute();
    await old.destroy();

    const db = await openDb(path);
    try {
      const q = { groupBy: ["model"] as SpendGroupKey[], filters: { account: ["111111111111"] } };
      expect(rollupPlan({ ...q, limit: 1 })?.dim).toBe("account,model");
      const range = { from: DAYS[0], to: DAYS.at(-1) as string };
      const fast = await querySpend(db, { ...q, billed: range, limit: 10 });
      const slow = await querySpend(db, { ...q, billed: range, limit: 10, useRollup: false });
      expect(fast.rows).toHaveLength(3);
      expect(fast.rows).toEqual(slow.rows);
    } finally {
      await db.destroy();
    }
  });
});

describe("spend rollup under a concurrent writer (SQLite file)", () => {
  it("answers from the raw rows when another connection holds the write lock", async () => {
    const { db: mine, path } = await sqliteFileDb();
    await insertBilled(mine, [
      billed({ day: "2026-11-01", cost_usd: 4 }),
      billed({ day: "2026-11-02", cost_usd: 6 }),
    ]);
    await sql`PRAGMA busy_timeout = 50`.execute(mine);
    const other = new SQLite(path);
    other.exec("BEGIN IMMEDIATE"); // e.g. a long CUR ingest in another process
    try {
      const got = await querySpend(mine, {
        groupBy: ["model"],
        billed: { from: "2026-11-01", to: "2026-11-30" },
        limit: 5,
      });
      expect(got.rows.map((r) => [r.keys[0], r.costUsd])).toEqual([["Claude Sonnet 4.6", 10]]);
      expect(await mine.selectFrom("spend_rollup_dirty").selectAll().execute()).toHaveLength(2); // still pending
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(await refreshSpendRollup(mine)).toBe(2);
    await mine.destroy();
  });
});
