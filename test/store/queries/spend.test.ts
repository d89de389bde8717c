import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/store/db.js";
import { querySpend, type SpendFilters, type SpendGroupKey } from "../../../src/store/queries/spend.js";
import { memoryDb } from "../../helpers/db.js";
import { billed, estimate, insertBilled, insertEstimates } from "../../helpers/spend-rows.js";
import { DAYS, fixtureRows, referenceGroups } from "./spend-fixture.js";

const ALL = { from: DAYS[0], to: DAYS[DAYS.length - 1] };
const rows = fixtureRows();
let db: Db;

beforeAll(async () => {
  db = await memoryDb();
  await insertBilled(db, rows);
});

const round = (v: number | null) => (v === null ? null : Math.round(v * 1e9) / 1e9);

async function check(groupBy: SpendGroupKey[], range = ALL, filters?: SpendFilters) {
  const got = await querySpend(db, { groupBy, filters, billed: range, limit: 1000 });
  const want = referenceGroups(rows, groupBy, range.from, range.to, filters);
  expect(want.length).toBeGreaterThan(0);
  expect(got.rows.map((r) => [r.keys, round(r.costUsd), r.tokens])).toEqual(
    want.map((w) => [w.keys, round(w.costUsd), w.tokens]),
  );
  expect(got.totals.groups).toBe(want.length);
  expect(got.totals.costUsd).toBeCloseTo(
    want.reduce((s, w) => s + w.costUsd, 0),
    9,
  );
  return got;
}

describe("querySpend over cost_daily", () => {
  it.each<SpendGroupKey>([
    "model",
    "token_type",
    "pricing_model",
    "route",
    "region",
    "account",
    "principal",
    "day",
  ])("groups by %s like a plain-JS reference", async (key) => {
    await check([key]);
  });

  it("groups by a resource tag and a principal tag; rows without the tag get null", async () => {
    const byTeam = await check(["tag:team"]);
    expect(byTeam.rows.map((r) => r.keys[0]).sort()).toEqual([null, "platform", "search"].sort());
    const byPrincipalTeam = await check(["tag:iamPrincipal/team"]);
    expect(byPrincipalTeam.rows.map((r) => r.keys[0]).sort()).toEqual([null, "chat"].sort());
  });

  it.each<SpendGroupKey[]>([
    ["model", "day"],
    ["account", "token_type"],
    ["tag:team", "model", "region"],
    ["day", "account", "principal", "route", "pricing_model"],
  ])("combines keys %j", async (...keys) => {
    await check(keys);
  });

  it("treats the range as inclusive on both ends", async () => {
    const got = await check(["day"], { from: "2026-10-31", to: "2026-11-02" });
    expect(got.rows.map((r) => r.keys[0]).sort()).toEqual(["2026-10-31", "2026-11-01", "2026-11-02"]);
    const oneDay = await check(["day"], { from: "2026-11-03", to: "2026-11-03" });
    expect(oneDay.rows.map((r) => r.keys[0])).toEqual(["2026-11-03"]);
  });

  it.each<[string, SpendFilters]>([
    ["model", { model: ["Nova Pro", "Llama 3.1 8B"] }],
    ["account", { account: ["222222222222"] }],
    ["region", { region: ["us-west-2"] }],
    ["principal", { principal: ["arn:aws:iam::111111111111:user/ops"] }],
    ["token_type", { token_type: ["output", "cache_read"] }],
    ["pricing_model", { pricing_model: ["batch"] }],
    ["resource tag", { tag: { key: "team", value: "search" } }],
    ["principal tag", { tag: { key: "iamPrincipal/team", value: "chat" } }],
    [
      "several fields AND-ed",
      { account: ["111111111111"], token_type: ["input"], tag: { key: "app", value: "assistant" } },
    ],
  ])("filters by %s", async (_name, filters) => {
    await check(["model", "account"], ALL, filters);
  });

  it("sums tokens of token-typed lines only", async () => {
    const got = await check(["token_type"]);
    expect(got.rows.find((r) => r.keys[0] === "none")?.tokens).toBe(0);
  });

  it("limits rows but keeps totals over every group", async () => {
    const full = await querySpend(db, { groupBy: ["account", "day"], billed: ALL, limit: 1000 });
    const top = await querySpend(db, { groupBy: ["account", "day"], billed: ALL, limit: 4 });
    expect(top.rows).toEqual(full.rows.slice(0, 4));
    expect(top.totals).toEqual(full.totals);
    expect(full.totals.groups).toBe(15);
  });

  it("reports coverage inputs: cost with a principal and with any tag", async () => {
    const got = await querySpend(db, { groupBy: ["model"], billed: ALL, limit: 10 });
    const within = rows.filter((r) => r.principal !== null).reduce((s, r) => s + r.cost_usd, 0);
    const tagged = rows.filter((r) => r.tags !== "{}").reduce((s, r) => s + r.cost_usd, 0);
    expect(got.totals.principalCostUsd).toBeCloseTo(within, 9);
    expect(got.totals.taggedCostUsd).toBeCloseTo(tagged, 9);
  });

  it("returns nothing for an empty range or no source", async () => {
    const none = await querySpend(db, {
      groupBy: ["model"],
      billed: { from: "2027-01-01", to: "2027-01-31" },
      limit: 5,
    });
    expect(none).toEqual({ rows: [], totals: expect.objectContaining({ costUsd: 0, groups: 0 }) });
    expect((await querySpend(db, { groupBy: ["model"], limit: 5 })).rows).toEqual([]);
  });

  it("rejects tag keys that could leave the JSON path, and never runs them", async () => {
    const evil = 'team"] ) or 1=1 --';
    await expect(querySpend(db, { groupBy: [`tag:${evil}`], billed: ALL, limit: 5 })).rejects.toThrow(
      /bad tag key/,
    );
    const f = { tag: { key: 'a"b', value: "x" } };
    await expect(querySpend(db, { groupBy: ["model"], filters: f, billed: ALL, limit: 5 })).rejects.toThrow(
      /bad tag key/,
    );
    // A value is a plain parameter: quotes in it match nothing instead of breaking the query.
    const odd = await querySpend(db, {
      groupBy: ["model"],
      filters: { tag: { key: "team", value: "' or '1'='1" } },
      billed: ALL,
      limit: 5,
    });
    expect(odd.rows).toEqual([]);
  });
});

describe("querySpend tag filter", () => {
  it("matches values with LIKE wildcards, quotes, backslashes and non-ASCII exactly", async () => {
    const tagDb = await memoryDb();
    const values = ['50%_off "x" \\y', "50a_off", "Zürich/東京", "search", "Search", "sea"];
    await insertBilled(
      tagDb,
      values.flatMap((v, i) => [
        billed({ day: "2026-11-02", cost_usd: 10 ** i, tags: JSON.stringify({ team: v }) }),
        // The value under another key, and as a longer value's part: neither may match.
        billed({ day: "2026-11-02", cost_usd: 0.5, tags: JSON.stringify({ app: v, team: `${v}!` }) }),
      ]),
    );
    for (const [i, v] of values.entries()) {
      const got = await querySpend(tagDb, {
        groupBy: ["model"],
        filters: { tag: { key: "team", value: v } },
        billed: { from: "2026-11-01", to: "2026-11-30" },
        limit: 5,
      });
      expect([v, got.totals.costUsd]).toEqual([v, 10 ** i]);
    }
    await tagDb.destroy();
  });
});

describe("querySpend across billed and estimated", () => {
  it("adds estimate rows from their own range and keeps unknown prices out of cost", async () => {
    const e = await memoryDb();
    await insertBilled(e, [
      billed({ day: "2026-11-01", cost_usd: 10, tokens: 100 }),
      billed({ day: "2026-11-02", cost_usd: 99, tokens: 999 }), // outside the billed range below
    ]);
    await insertEstimates(e, [
      estimate({ day: "2026-11-01", cost_usd: 55, tokens: 555 }), // outside the estimated range
      estimate({ day: "2026-11-02", cost_usd: 2.5, tokens: 250 }),
      estimate({ day: "2026-11-02", model: "Mystery 1", cost_usd: null, tokens: 4000 }),
      estimate({ day: "2026-11-03", model: "Mystery 1", cost_usd: null, tokens: 1000 }),
      estimate({ day: "2026-11-03", cost_usd: 1.5, tokens: 150, principal: "arn:aws:iam::1:user/x" }),
    ]);
    const got = await querySpend(e, {
      groupBy: ["model"],
      billed: { from: "2026-11-01", to: "2026-11-01" },
      estimated: { from: "2026-11-02", to: "2026-11-03" },
      limit: 10,
    });
    expect(got.rows).toEqual([
      { keys: ["Claude Sonnet 4.6"], accountName: null, costUsd: 14, tokens: 500, unpricedTokens: 0 },
      { keys: ["Mystery 1"], accountName: null, costUsd: null, tokens: 5000, unpricedTokens: 5000 },
    ]);
    expect(got.totals).toMatchObject({
      costUsd: 14,
      tokens: 5500,
      unpricedTokens: 5000,
      groups: 2,
      principalCostUsd: 1.5,
    });
  });

  it("merges a day both sources cover when their ranges overlap", async () => {
    const e = await memoryDb();
    await insertBilled(e, [
      billed({ day: "2026-11-02", cost_usd: 10 }),
      billed({ day: "2026-11-01", cost_usd: 1 }),
    ]);
    await insertEstimates(e, [
      estimate({ day: "2026-11-02", cost_usd: 5 }),
      estimate({ day: "2026-11-03", cost_usd: 2 }),
    ]);
    const range = { from: "2026-11-01", to: "2026-11-03" };
    for (const useRollup of [true, false]) {
      const got = await querySpend(e, {
        groupBy: ["day"],
        billed: range,
        estimated: range,
        limit: 10,
        useRollup,
      });
      expect(got.rows.map((r) => [r.keys[0], r.costUsd])).toEqual([
        ["2026-11-02", 15],
        ["2026-11-03", 2],
        ["2026-11-01", 1],
      ]);
      expect(got.totals).toMatchObject({ costUsd: 18, groups: 3 });
    }
  });
});
