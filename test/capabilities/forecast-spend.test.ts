import { describe, expect, it } from "vitest";
import { forecastSpendCapability as cap } from "../../src/capabilities/forecast-spend.js";
import { addDays, eachDay } from "../../src/util/dates.js";
import { memoryDb } from "../helpers/db.js";
import { billed, insertBilled, insertCurPeriod } from "../helpers/spend-rows.js";
import { dailyUsd, deps, seedOrg, TODAY } from "./analysis-fixture.js";

describe("forecast_spend on a real store", () => {
  it("the interval contains the truth on a clean weekly, growing series", async () => {
    const db = await memoryDb();
    const noise = dailyUsd(400, 11);
    const truth = new Map<string, number>();
    eachDay(addDays(TODAY, -60), "2026-12-31").forEach((day, i) => {
      truth.set(day, noise(day) * (1 + 0.003 * i));
    });
    await insertBilled(
      db,
      eachDay(addDays(TODAY, -60), TODAY).map((day) => billed({ day, cost_usd: truth.get(day) as number })),
    );
    await insertCurPeriod(db, "2026-11", TODAY, "2026-11-17T02:00:00Z");
    const out = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(cap.outputSchema.parse(out)).toEqual(out);
    const [row] = out.rows;
    const sum = (from: string, to: string) => eachDay(from, to).reduce((s, d) => s + (truth.get(d) ?? 0), 0);
    expect(row.key).toBe("total");
    expect(row.method).toBe("seasonal");
    expect(row.monthToDateUsd).toBeCloseTo(sum("2026-11-01", TODAY), 6);
    const novTruth = sum("2026-11-01", "2026-11-30");
    const decTruth = sum("2026-12-01", "2026-12-31");
    expect(row.monthEndLowUsd).toBeLessThanOrEqual(novTruth);
    expect(row.monthEndHighUsd).toBeGreaterThanOrEqual(novTruth);
    expect(row.nextMonthLowUsd).toBeLessThanOrEqual(decTruth);
    expect(row.nextMonthHighUsd).toBeGreaterThanOrEqual(decTruth);
    expect(Math.abs(row.monthEndUsd - novTruth) / novTruth).toBeLessThan(0.03);
    expect(out.dataThrough).toBe(TODAY);
    expect(cap.summarize(out)).not.toContain("no cost data");

    // The CUR three days behind, nothing estimated: month to date says what it leaves out.
    await db.deleteFrom("cost_daily").where("day", ">", addDays(TODAY, -3)).execute();
    await db
      .updateTable("cur_period")
      .set({ last_usage_day: addDays(TODAY, -3) })
      .execute();
    const late = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(late.dataThrough).toBe(addDays(TODAY, -3));
    expect(cap.summarize(late)).toContain(
      `; month to date covers days through ${addDays(TODAY, -3)}: no cost data after it yet (unknown, not $0)`,
    );
    await db.destroy();
  });

  it("per principal and per groupBy key; empty store → a zero total", async () => {
    const db = await memoryDb();
    await seedOrg(db);
    const byPrincipal = await cap.run(deps(db), cap.inputSchema.parse({ dimension: "principal" }));
    expect(byPrincipal.rows).toHaveLength(2);
    expect(byPrincipal.rows[0].monthToDateUsd).toBeGreaterThan(byPrincipal.rows[1].monthToDateUsd);
    const byRegion = await cap.run(deps(db), cap.inputSchema.parse({ groupBy: ["region", "token_type"] }));
    expect(byRegion.rows.map((r) => r.key).sort()).toEqual(["eu-central-1 | output", "us-east-1 | input"]);
    expect(() => cap.inputSchema.parse({ groupBy: ["day"] })).toThrow();
    await db.destroy();

    const empty = await memoryDb();
    const [zero] = (await cap.run(deps(empty), cap.inputSchema.parse({}))).rows;
    expect(zero).toMatchObject({
      key: "total",
      method: "none",
      monthToDateUsd: 0,
      monthEndUsd: 0,
      nextMonthHighUsd: 0,
    });
    expect((await cap.run(deps(empty), cap.inputSchema.parse({ dimension: "model" }))).rows).toEqual([]);
    await empty.destroy();
  });
});
