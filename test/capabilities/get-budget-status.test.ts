import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { budgetStatusCapability as cap } from "../../src/capabilities/get-budget-status.js";
import { memoryDb } from "../helpers/db.js";
import { BOB, deps, seedOrg } from "./analysis-fixture.js";

const config = {
  budgets: [
    { name: "all-bedrock", monthlyUsd: 50_000 },
    { name: "research-bob", monthlyUsd: 2000, scope: { principal: BOB }, thresholds: [0.5, 0.8, 1] },
  ],
};

describe("get_budget_status on a real store", () => {
  it("splits billed and estimated, and reports the day bob's spike crossed his budget", async () => {
    const db = await memoryDb();
    await seedOrg(db, { day: "2026-11-10", usd: 1500 });
    const out = await cap.run(deps(db, config), cap.inputSchema.parse({}));
    expect(cap.outputSchema.parse(out)).toEqual(out);
    expect(out.month).toBe("2026-11");
    expect(out.dataThrough).toBe("2026-11-16");
    expect(cap.summarize(out)).toBe("2 budget(s) for 2026-11; 1 forecast to exceed the limit");

    const sum = async (table: "cost_daily" | "cost_estimate_daily", principal?: string) => {
      const q = sql<{ s: number }>`select total(cost_usd) as s from ${sql.table(table)}
        where day between '2026-11-01' and '2026-11-16' and (cast(${principal ?? null} as text) is null or principal = ${principal ?? null})`;
      return (await q.execute(db)).rows[0].s;
    };
    const [all, bob] = out.budgets;
    expect(all.billedUsd).toBeCloseTo(await sum("cost_daily"), 6);
    expect(all.estimatedUsd).toBeCloseTo(await sum("cost_estimate_daily"), 6);
    expect(all.actualUsd).toBeCloseTo(all.billedUsd + all.estimatedUsd, 6);
    expect(all.thresholds.every((t) => !t.crossedByActual && !t.crossedByForecast)).toBe(true);
    expect(all.exhaustedOn).toBeNull();

    expect(bob.billedUsd).toBeCloseTo(await sum("cost_daily", BOB), 6);
    expect(bob.estimatedUsd).toBeCloseTo(await sum("cost_estimate_daily", BOB), 6);
    expect(bob.scope).toEqual({ principal: BOB });
    expect(bob.thresholds.map((t) => [t.threshold, t.crossedByActual, t.crossedByForecast])).toEqual([
      [0.5, true, true],
      [0.8, true, true],
      [1, true, true],
    ]);
    expect(bob.exhaustedOn).toBe("2026-11-10");
    expect(bob.pctUsed).toBeCloseTo((100 * bob.actualUsd) / 2000, 6);
    expect(bob.forecastLowUsd).toBeLessThanOrEqual(bob.forecastUsd);
    expect(bob.forecastHighUsd).toBeGreaterThanOrEqual(bob.forecastUsd);
    await db.destroy();
  });

  it("says when the actual leaves out days without cost data (a late CUR, no estimates)", async () => {
    const db = await memoryDb();
    await seedOrg(db);
    // The CUR covers through the 13th; no estimates after it (no metrics collected).
    await db.deleteFrom("cost_estimate_daily").execute();
    const out = await cap.run(deps(db, config), cap.inputSchema.parse({}));
    expect(out.dataThrough).toBe("2026-11-13");
    expect(cap.summarize(out)).toMatch(
      /^2 budget\(s\) for 2026-11; \d forecast to exceed the limit; actual covers days through 2026-11-13: no cost data after it yet \(unknown, not \$0\)$/,
    );
    // The forecast does not take the unknown days for $0: it forecasts them.
    const [all] = out.budgets;
    expect(all.estimatedUsd).toBe(0);
    expect(all.forecastUsd).toBeGreaterThan(all.actualUsd * (30 / 13) * 0.8);

    await db.deleteFrom("cost_daily").execute();
    await db.deleteFrom("cur_period").execute();
    const none = await cap.run(deps(db, config), cap.inputSchema.parse({}));
    expect(none.dataThrough).toBeNull();
    expect(cap.summarize(none)).toContain(
      "actual covers no day of 2026-11 yet (no cost data: unknown, not $0)",
    );
    await db.destroy();
  });

  it("a past month is final; no budgets → empty list; bad month is rejected", async () => {
    const db = await memoryDb();
    await seedOrg(db);
    const oct = await cap.run(deps(db, config), cap.inputSchema.parse({ month: "2026-10" }));
    const [all] = oct.budgets;
    expect(all).toMatchObject({ state: "past", estimatedUsd: 0 });
    expect(all.forecastUsd).toBe(all.actualUsd);
    expect((await cap.run(deps(db), cap.inputSchema.parse({}))).budgets).toEqual([]);
    expect(() => cap.inputSchema.parse({ month: "2026-13x" })).toThrow();
    await db.destroy();
  });
});
