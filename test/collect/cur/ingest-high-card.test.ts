import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestCur } from "../../../src/collect/cur/ingest.js";
import type { Db } from "../../../src/store/db.js";
import { querySpend, type SpendGroupKey } from "../../../src/store/queries/spend.js";
import { type CurGeneratorResult, generateCurExport } from "../../../src/synthetic/cur-generator.js";
import { memoryDb, tempDir } from "../../helpers/db.js";
import { deps, NOW, periodProblems } from "./ingest-helpers.js";

/** A high-cardinality export: principal, resource id and tags on every Bedrock line. */
describe("ingestCur: high-cardinality export", () => {
  let gen: CurGeneratorResult;
  let db: Db;
  beforeAll(async () => {
    gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 2,
      daysPerPeriod: 3,
      scale: 60_000,
      cardinality: "high",
      rowsPerChunk: 12_000,
    });
    db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
  });

  it("stores the generator's cost to the cent, one row per distinct daily key", async () => {
    for (const t of Object.values(gen.truth.periods)) expect(await periodProblems(db, t)).toEqual([]);
    const nov = gen.truth.periods["2026-11"];
    expect(nov.bedrockUsageLines).toBeGreaterThan(2500);
    const rows = await sql<{ n: number; keys: number }>`SELECT count(*) AS n,
      (SELECT count(*) FROM (SELECT DISTINCT day, account, usage_type, product_code, principal, resource_id, tags, unit
        FROM cost_daily WHERE period = '2026-11') AS k) AS keys FROM cost_daily WHERE period = '2026-11'`.execute(
      db,
    );
    // Rows are unique by key, and nearly every usage line is its own key.
    expect(rows.rows[0].n).toBe(rows.rows[0].keys);
    expect(rows.rows[0].n).toBeGreaterThan(nov.bedrockUsageLines * 0.9);
    const principals = await db.selectFrom("cost_daily").select("principal").distinct().execute();
    expect(principals.length).toBeGreaterThan(300);
  });

  it.each<SpendGroupKey[]>([
    ["principal"],
    ["tag:team"],
    ["tag:iamPrincipal/cost-center"],
    ["account", "day"],
    ["model"],
    ["region"],
  ])("the rollup written by the ingest answers %j like the raw rows", async (...groupBy) => {
    const q = { groupBy, billed: { from: "2026-10-01", to: "2026-11-30" }, limit: 100_000 };
    const fast = await querySpend(db, q);
    const slow = await querySpend(db, { ...q, useRollup: false });
    expect(fast.rows.length).toBe(slow.rows.length);
    expect(fast.rows.length).toBeGreaterThan(1);
    const byKey = new Map(slow.rows.map((r) => [JSON.stringify(r.keys), r]));
    for (const r of fast.rows) {
      const s = byKey.get(JSON.stringify(r.keys));
      expect(s).toBeDefined();
      expect(r.costUsd).toBeCloseTo(s?.costUsd ?? Number.NaN, 6);
      expect(r.tokens).toBeCloseTo(s?.tokens ?? Number.NaN, 3);
      expect(r.accountName).toBe(s?.accountName);
    }
    for (const k of ["costUsd", "tokens", "principalCostUsd", "taggedCostUsd", "groups"] as const)
      expect(fast.totals[k]).toBeCloseTo(slow.totals[k], 4);
  });
});

describe("ingestCur is deterministic", () => {
  it("two ingests of the same files store the same rows, in the same order, with the same sums", async () => {
    const gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 1,
      daysPerPeriod: 2,
      scale: 250_000,
      cardinality: "high",
      rowsPerChunk: 60_000,
    });
    const dump = async () => {
      const db = await memoryDb();
      await ingestCur(deps(db), gen.exportDir);
      const rows = await db.selectFrom("cost_daily").selectAll().orderBy("id").execute();
      const rollup = await sql`SELECT * FROM spend_rollup ORDER BY src, dim, day, key, key2`.execute(db);
      await db.destroy();
      return { rows: rows.map(({ ingest_id: _, ...r }) => r), rollup: rollup.rows };
    };
    const [a, b] = [await dump(), await dump()];
    expect(a.rows.length).toBeGreaterThan(20_000);
    expect(b.rows).toEqual(a.rows);
    expect(b.rollup).toEqual(a.rollup);
  }, 120_000);
});
