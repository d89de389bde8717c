import { existsSync, statSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../../src/store/db.js";
import { COST_ROW_COLUMNS, replaceCurPeriod, startIngestLog } from "../../../src/store/queries/cur.js";
import { querySpend, type SpendGroupKey } from "../../../src/store/queries/spend.js";
import { refreshSpendRollup } from "../../../src/store/queries/spend-rollup.js";
import { ROLLUP_ROW_COLUMNS } from "../../../src/store/schema-estimate.js";
import { memoryDb, sqliteFileDb, tableSchema } from "../../helpers/db.js";
import { type Billed, billed, insertBilled } from "../../helpers/spend-rows.js";

/** Rows of one period: days × accounts × principals, tagged in part. */
function periodRows(period: string, days: number, perDay: number, cost = 1): Billed[] {
  const out: Billed[] = [];
  for (let d = 1; d <= days; d++)
    for (let i = 0; i < perDay; i++)
      out.push(
        billed({
          day: `${period}-${String(d).padStart(2, "0")}`,
          cost_usd: cost * (1 + i) + d / 100,
          tokens: 1000 * i,
          account: i % 2 ? "111111111111" : "222222222222",
          account_name: i % 2 ? "prod" : "staging",
          model: i % 3 ? "Nova Pro" : "Claude Sonnet 4.6",
          principal: i % 4 ? `arn:aws:iam::111111111111:user/u${i % 5}` : null,
          tags: i % 3 ? `{"team":"t${i % 4}"}` : "{}",
        }),
      );
  return out;
}

async function* inChunks(values: unknown[][], failAfter?: number): AsyncGenerator<unknown[]> {
  for (const [i, v] of values.entries()) {
    if (failAfter !== undefined && i >= failAfter) throw new Error("stream broke");
    yield v;
  }
}

/**
 * What the CUR ingest hands the store: rows with principal and tags as dictionary codes (as its
 * lookups send them), and their rollup (built here by the store itself).
 */
async function writerInput(rows: Billed[]) {
  const scratch = await memoryDb();
  await insertBilled(scratch, rows);
  await refreshSpendRollup(scratch);
  const rollup = await scratch.selectFrom("spend_rollup").selectAll().where("src", "=", "billed").execute();
  await scratch.destroy();
  const flat = (objs: object[], cols: readonly string[]) =>
    objs.map((o) => cols.map((c) => (o as Record<string, unknown>)[c] ?? null));
  const coded = ["principal", "tags"] as const;
  const dictionaries = coded.map((c) => ({
    columns: [c],
    values: [...new Set(rows.map((r) => r[c] ?? null))].map((v) => [v]),
  }));
  const plain = COST_ROW_COLUMNS.filter((c) => !(coded as readonly string[]).includes(c));
  const codes = (r: Billed) =>
    coded.map((c, i) => dictionaries[i].values.findIndex(([v]) => v === (r[c] ?? null)));
  return {
    dictionaries,
    cost: rows.map((r) => [...codes(r), ...flat([r], plain)[0]]),
    rollup: flat(rollup, ROLLUP_ROW_COLUMNS),
    days: [...new Set(rows.map((r) => r.day))],
  };
}

const inputs = new WeakMap<Billed[], ReturnType<typeof writerInput>>();

/** The large test replaces the same rows twice: their writer input is built once. */
function cachedInput(rows: Billed[]) {
  const input = inputs.get(rows) ?? writerInput(rows);
  inputs.set(rows, input);
  return input;
}

async function replace(
  db: Db,
  period: string,
  rows: Billed[],
  failAfter?: number,
  recode?: (input: Awaited<ReturnType<typeof writerInput>>) => void,
) {
  const input = recode ? await writerInput(rows) : await cachedInput(rows);
  recode?.(input);
  const ingestId = await startIngestLog(db, { source: "t", period, files: "[]", started_at: "2026-11-01" });
  await replaceCurPeriod(db, {
    period: {
      period,
      source: "t",
      fingerprint: `f${ingestId}`,
      last_usage_day: input.days.at(-1) ?? null,
      refreshed_at: null,
      has_iam_principal: 1,
      ingested_at: "2026-11-30",
    },
    ingestId,
    cost: { dictionaries: input.dictionaries, rows: inChunks(input.cost, failAfter) },
    costRows: input.cost.length,
    adjustments: [],
    rollup: { days: input.days, rows: inChunks(input.rollup) },
    log: { status: "ok" },
  });
}

const schema = (db: Db) => tableSchema(db, "cost_daily");
const dirty = (db: Db) => db.selectFrom("spend_rollup_dirty").selectAll().execute();
const rollupRows = (db: Db) =>
  db
    .selectFrom("spend_rollup")
    .selectAll()
    .orderBy("src")
    .orderBy("dim")
    .orderBy("day")
    .orderBy("key")
    .orderBy("key2")
    .execute();

/** The rollup answers like the raw rows for every dimension. */
async function expectRollupExact(db: Db, range: { from: string; to: string }) {
  for (const groupBy of [["day"], ["model"], ["account"], ["principal"], ["tag:team"], ["day", "account"]]) {
    const q = { groupBy: groupBy as SpendGroupKey[], billed: range, limit: 10_000 };
    const fast = await querySpend(db, q);
    const slow = await querySpend(db, { ...q, useRollup: false });
    expect(fast.rows.map((r) => [r.keys, r.accountName, r.tokens])).toEqual(
      slow.rows.map((r) => [r.keys, r.accountName, r.tokens]),
    );
    for (const [i, r] of fast.rows.entries())
      expect(r.costUsd).toBeCloseTo(slow.rows[i].costUsd ?? Number.NaN, 9);
    expect(fast.totals.taggedCostUsd).toBeCloseTo(slow.totals.taggedCostUsd, 9);
    expect(fast.totals.principalCostUsd).toBeCloseTo(slow.totals.principalCostUsd, 9);
  }
}

describe("replaceCurPeriod (bulk path)", () => {
  it.each([
    ["rebuilds the indexes when the period is most of the table", 10],
    ["maintains the indexes when the table is much larger", 400],
  ])(
    "%s: rows, rollup, triggers and indexes end up as a full rebuild would leave them",
    async (_, others) => {
      const db = await memoryDb();
      await insertBilled(db, periodRows("2026-09", 20, others / 20));
      await refreshSpendRollup(db);
      const before = await schema(db);
      await replace(db, "2026-10", periodRows("2026-10", 5, 6));
      await replace(db, "2026-10", periodRows("2026-10", 4, 7, 2)); // a restatement with fewer days
      expect(await schema(db)).toEqual(before);
      expect(await dirty(db)).toEqual([]);
      const days = (monthly: boolean) =>
        db
          .selectFrom("spend_rollup")
          .select("day")
          .distinct()
          .where("day", ">=", "2026-10")
          .where("dim", monthly ? "like" : "not like", "month:%")
          .execute()
          .then((r) => r.map((d) => d.day).sort());
      expect(await days(false)).toEqual(["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"]);
      expect(await days(true)).toEqual(["2026-10"]); // the month rows, re-summed after the restatement
      await expectRollupExact(db, { from: "2026-09-01", to: "2026-10-31" });
      // The triggers are back: an ordinary write marks its day again.
      await insertBilled(db, [billed({ day: "2026-10-02", cost_usd: 5 })]);
      expect(await dirty(db)).toEqual([{ src: "billed", day: "2026-10-02" }]);
    },
  );

  it("a stream that fails half-way leaves the previous rows, rollup, schema and log state", async () => {
    const db = await memoryDb();
    await replace(db, "2026-10", periodRows("2026-10", 3, 4));
    const before = {
      rows: await db.selectFrom("cost_daily").selectAll().orderBy("id").execute(),
      rollup: await rollupRows(db),
      schema: await schema(db),
      period: await db.selectFrom("cur_period").selectAll().execute(),
    };
    await expect(replace(db, "2026-10", periodRows("2026-10", 3, 9, 3), 1)).rejects.toThrow("stream broke");
    expect(await db.selectFrom("cost_daily").selectAll().orderBy("id").execute()).toEqual(before.rows);
    expect(await rollupRows(db)).toEqual(before.rollup);
    expect(await schema(db)).toEqual(before.schema);
    expect(await db.selectFrom("cur_period").selectAll().execute()).toEqual(before.period);
    expect(await dirty(db)).toEqual([]);
  });

  it("a large period on a SQLite file skips the WAL, stays all or nothing and leaves the store in WAL mode", async () => {
    const { db, path } = await sqliteFileDb();
    // tableSchema asks the engine under test, which may be PostgreSQL: this store is SQLite.
    const sqliteSchema = async () =>
      (
        await sql<{
          sql: string;
        }>`SELECT sql FROM sqlite_master WHERE tbl_name = 'cost_daily' ORDER BY name`.execute(db)
      ).rows;
    const walBytes = () => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
    const sums = () =>
      db
        .selectFrom("cost_daily")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("cost_usd").as("usd")])
        .executeTakeFirstOrThrow();
    try {
      await replace(db, "2026-10", periodRows("2026-10", 30, 1_700)); // 51,000 rows: a large write
      // Through the WAL, the period's ~30 MB of pages would have stayed in the -wal file.
      expect(walBytes()).toBeLessThan(1_000_000);
      const before = { sums: await sums(), rollup: await rollupRows(db), schema: await sqliteSchema() };
      expect(before.sums.n).toBe(51_000);
      const restated = periodRows("2026-10", 30, 1_700, 2);
      await expect(replace(db, "2026-10", restated, 40_000)).rejects.toThrow("stream broke");
      expect(await sums()).toEqual(before.sums);
      expect(await rollupRows(db)).toEqual(before.rollup);
      expect(await sqliteSchema()).toEqual(before.schema);
      const mode = async () => (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db)).rows;
      expect(await mode()).toEqual([{ journal_mode: "wal" }]);
      await replace(db, "2026-10", restated);
      const usd = restated.reduce((t, r) => t + r.cost_usd, 0);
      expect((await sums()).usd).toBeCloseTo(usd, 2);
      const rolled = await db
        .selectFrom("spend_rollup")
        .select((eb) => eb.fn.sum<number>("cost").as("usd"))
        .where("dim", "=", "*")
        .executeTakeFirstOrThrow();
      expect(rolled.usd).toBeCloseTo(usd, 2); // the day totals of the restated delivery
      expect(await mode()).toEqual([{ journal_mode: "wal" }]);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it("stores coded rows with their dictionaries' strings, in order", async () => {
    const db = await memoryDb();
    const rows = periodRows("2026-10", 3, 5);
    await replace(db, "2026-10", rows);
    const stored = await db
      .selectFrom("cost_daily")
      .select(["principal", "tags", "cost_usd"])
      .orderBy("id")
      .execute();
    expect(stored).toEqual(
      rows.map((r) => ({ principal: r.principal ?? null, tags: r.tags, cost_usd: r.cost_usd })),
    );
  });

  it("a code outside its dictionary fails the period and keeps the previous delivery", async () => {
    const db = await memoryDb();
    await replace(db, "2026-10", periodRows("2026-10", 2, 3));
    const before = await db.selectFrom("cost_daily").selectAll().orderBy("id").execute();
    const broken = replace(db, "2026-10", periodRows("2026-10", 2, 4), undefined, (input) => {
      input.cost[5][1] = input.dictionaries[1].values.length; // the tags code one past the end
    });
    await expect(broken).rejects.toThrow(/code|dictionary/);
    expect(await db.selectFrom("cost_daily").selectAll().orderBy("id").execute()).toEqual(before);
    expect(await dirty(db)).toEqual([]);
  });

  it("days another period also holds stay dirty and are rebuilt from the table", async () => {
    const db = await memoryDb();
    const stray = billed({ day: "2026-10-02", cost_usd: 100, period: "2026-09", principal: "arn:x" });
    await insertBilled(db, [stray]);
    await refreshSpendRollup(db);
    await replace(db, "2026-10", periodRows("2026-10", 3, 4));
    expect(await dirty(db)).toEqual([{ src: "billed", day: "2026-10-02" }]);
    await expectRollupExact(db, { from: "2026-10-01", to: "2026-10-31" });
    const day = await querySpend(db, {
      groupBy: ["day"],
      billed: { from: "2026-10-02", to: "2026-10-02" },
      limit: 9,
    });
    expect(day.totals.costUsd).toBeCloseTo(
      100 +
        periodRows("2026-10", 3, 4)
          .filter((r) => r.day === "2026-10-02")
          .reduce((s, r) => s + r.cost_usd, 0),
      9,
    );
  });
});
