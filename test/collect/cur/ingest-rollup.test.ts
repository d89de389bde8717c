import { beforeAll, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../../src/capabilities/get-spend-by-model.js";
import { ingestCur } from "../../../src/collect/cur/ingest.js";
import { parseConfig } from "../../../src/config.js";
import type { Db } from "../../../src/store/db.js";
import { querySpend } from "../../../src/store/queries/spend.js";
import { refreshSpendRollup } from "../../../src/store/queries/spend-rollup.js";
import { type CurGeneratorResult, generateCurExport } from "../../../src/synthetic/cur-generator.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb, tempDir } from "../../helpers/db.js";
import { deps, NOW } from "./ingest-helpers.js";

const dirtyDays = async (db: Db) => (await db.selectFrom("spend_rollup_dirty").selectAll().execute()).length;

describe("ingestCur keeps the spend rollup fresh (readers never rebuild)", () => {
  let gen: CurGeneratorResult;
  let db: Db;
  beforeAll(async () => {
    gen = await generateCurExport({
      root: tempDir(),
      now: NOW,
      months: 2,
      daysPerPeriod: 4,
      rowsPerChunk: 800,
    });
    db = await memoryDb();
    await ingestCur(deps(db), gen.exportDir);
  });

  it("leaves no day marked dirty and the rollup holds every ingested day", async () => {
    expect(await dirtyDays(db)).toBe(0);
    const days = await db.selectFrom("cost_daily").select("day").distinct().execute();
    const rolled = await db
      .selectFrom("spend_rollup")
      .select("day")
      .distinct()
      .where("src", "=", "billed")
      .where("dim", "=", "*")
      .execute();
    expect(rolled.map((r) => r.day).sort()).toEqual(days.map((r) => r.day).sort());
    expect(await refreshSpendRollup(db)).toBe(0); // nothing left for the first reader to rebuild
  });

  it("a report from the rollup equals the raw rows and the generator's truth, to the cent", async () => {
    const billed = { from: "2026-10-01", to: "2026-11-30" };
    const fromRollup = await querySpend(db, { groupBy: ["model"], billed, limit: 1000 });
    const fromRows = await querySpend(db, { groupBy: ["model"], billed, limit: 1000, useRollup: false });
    expect(fromRollup.rows.length).toBe(fromRows.rows.length);
    for (const [i, r] of fromRollup.rows.entries()) {
      expect(r.keys).toEqual(fromRows.rows[i].keys);
      expect(r.costUsd).toBeCloseTo(fromRows.rows[i].costUsd ?? Number.NaN, 6);
    }
    expect(fromRollup.totals.costUsd).toBeCloseTo(gen.truth.costUsd, 2);
  });

  it("get_spend_by_model answers from the fresh rollup with the period's total", async () => {
    const out = await getSpendByModel.run(
      { db, config: parseConfig({}), now: () => NOW, log: silentLogger },
      getSpendByModel.inputSchema.parse({ from: "2026-11-01", to: "2026-11-30", groupBy: ["model"] }),
    );
    expect(out.totalCostUsd).toBeCloseTo(gen.truth.periods["2026-11"].costUsd, 2);
    expect(await dirtyDays(db)).toBe(0);
  });

  it("a re-ingest with --force marks and rebuilds again inside the ingest", async () => {
    await ingestCur(deps(db), gen.exportDir, { force: true, periods: ["2026-11"] });
    expect(await dirtyDays(db)).toBe(0);
    const t = await querySpend(db, {
      groupBy: ["day"],
      billed: { from: "2026-11-01", to: "2026-11-30" },
      limit: 100,
    });
    expect(t.totals.costUsd).toBeCloseTo(gen.truth.periods["2026-11"].costUsd, 2);
  });
});
