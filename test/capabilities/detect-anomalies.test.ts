import { describe, expect, it } from "vitest";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import { memoryDb } from "../helpers/db.js";
import { BOB, deps, seedOrg, TODAY } from "./analysis-fixture.js";

describe("detect_anomalies on a real store", () => {
  it("finds bob's runaway day in total, principal, account and region, and names bob as the driver", async () => {
    const db = await memoryDb();
    await seedOrg(db, { day: "2026-11-10", usd: 1500 });
    const out = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(cap.outputSchema.parse(out)).toEqual(out);
    expect(out).toMatchObject({ from: "2026-11-03", to: "2026-11-16" });

    const total = out.anomalies.find((a) => a.dimension === "total");
    expect(total).toMatchObject({ date: "2026-11-10", direction: "spike", source: "billed", key: null });
    expect(total?.impactUsd).toBeGreaterThan(1300);
    expect(total?.impactUsd).toBeLessThan(1700);
    const bobDriver = total?.drivers.find((d) => d.dimension === "principal");
    expect(bobDriver?.key).toBe(BOB);
    expect(bobDriver?.impactUsd).toBeGreaterThan(1300);
    expect(total?.drivers.find((d) => d.dimension === "token_type")?.key).toBe("output");

    const byPrincipal = out.anomalies.filter((a) => a.dimension === "principal");
    expect(byPrincipal.map((a) => [a.key, a.date])).toEqual([[BOB, "2026-11-10"]]);
    expect(out.anomalies.filter((a) => a.date !== "2026-11-10")).toEqual([]);
    expect(out.anomalies.map((a) => a.dimension).sort()).toEqual([
      "account",
      "model",
      "principal",
      "region",
      "total",
    ]);

    // Same finding, same id: alerting posts once per id.
    const again = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(again.anomalies.map((a) => a.id)).toEqual(out.anomalies.map((a) => a.id));
    await db.destroy();
  });

  it("respects dimension, minImpactUsd and the config bars; clean data → nothing", async () => {
    const db = await memoryDb();
    await seedOrg(db, { day: "2026-11-10", usd: 1500 });
    const onlyTotal = await cap.run(deps(db), cap.inputSchema.parse({ dimension: "total" }));
    expect(onlyTotal.anomalies.map((a) => a.dimension)).toEqual(["total"]);
    const highBar = await cap.run(deps(db), cap.inputSchema.parse({ minImpactUsd: 5000 }));
    expect(highBar.anomalies).toEqual([]);
    const strict = await cap.run(deps(db, { anomaly: { minScore: 1000 } }), cap.inputSchema.parse({}));
    expect(strict.anomalies).toEqual([]);
    await db.destroy();

    const clean = await memoryDb();
    await seedOrg(clean);
    expect((await cap.run(deps(clean), cap.inputSchema.parse({}))).anomalies).toEqual([]);
    await clean.destroy();
  });

  it("a day with no data at all after the last collection is not evaluated (not a drop)", async () => {
    const db = await memoryDb();
    await seedOrg(db);
    const out = await cap.run(deps(db), cap.inputSchema.parse({ from: "2026-11-15", to: "2026-11-18" }));
    expect(out.anomalies).toEqual([]);
    // Days after today cannot hold data yet: the range stops at today and says so.
    expect(out.to).toBe("2026-11-16");
    expect(out.notes.join(" ")).toContain(
      "to 2026-11-18 is after today and the stored data; answered through 2026-11-16",
    );
    expect(() => cap.inputSchema.parse({ from: "2026-02-30" })).toThrow();
    await db.destroy();
  });
});

describe("detect_anomalies when the data stops before the range ends", () => {
  it("says how far it evaluated, once, in the output, its summary and the MCP text, never 'normal'", async () => {
    const db = await memoryDb();
    await seedOrg(db, { day: "2026-11-10", usd: 1500 });
    const full = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(full.evaluatedThrough).toEqual({ day: TODAY, hour: null });
    expect(cap.summarize(full)).not.toContain("evaluated through");
    expect(full.notes.filter((n) => n.includes("no cost data"))).toEqual([]);

    // Nothing collected after the 13th (a CUR a few days late, no CloudWatch estimates).
    for (const table of ["cost_daily", "cost_estimate_daily"] as const)
      await db.deleteFrom(table).where("day", ">", "2026-11-13").execute();
    const out = await cap.run(deps(db), cap.inputSchema.parse({}));
    expect(cap.outputSchema.parse(out)).toEqual(out);
    expect(out.to).toBe(TODAY);
    expect(out.evaluatedThrough?.day).toBe("2026-11-13");
    expect(out.anomalies.filter((a) => a.date > "2026-11-13")).toEqual([]);
    // Five dimensions ran out of data on the same day: one note, not five.
    expect(out.notes.filter((n) => n.includes("no cost data"))).toEqual([
      "no cost data after 2026-11-13; 2026-11-14 to 2026-11-16 not evaluated (unknown, not $0)",
    ]);
    expect(cap.summarize(out)).toMatch(
      /^1 incident, 0 data gaps, \d+ anomal\w+ 2026-11-03\.\.2026-11-16 \(evaluated through 2026-11-13\); largest/,
    );

    const only = await cap.run(deps(db), cap.inputSchema.parse({ dimension: "model", from: "2026-11-14" }));
    expect(only.evaluatedThrough?.day).toBeNull();
    expect(only.notes).toContain(
      "no cost data after 2026-11-13; 2026-11-14 to 2026-11-16 not evaluated (unknown, not $0)",
    );
    await db.destroy();
  });
});

describe("detect_anomalies on today's partial day", () => {
  it("reports no drop for today while it accumulates, but still reports a spike already above a whole day", async () => {
    const db = await memoryDb();
    await seedOrg(db, { day: TODAY, usd: 1500 });
    // Half of today so far: bob's spike still exceeds a whole normal day, chat's half day is no drop.
    await db
      .updateTable("cost_estimate_daily")
      .set((eb) => ({ cost_usd: eb("cost_usd", "*", 0.5) }))
      .where("day", "=", TODAY)
      .execute();
    const out = await cap.run(deps(db), cap.inputSchema.parse({}));
    const today = out.anomalies.filter((a) => a.date === TODAY);
    expect(today.filter((a) => a.direction === "drop")).toEqual([]);
    expect(today.find((a) => a.dimension === "principal")).toMatchObject({ key: BOB, direction: "spike" });
    expect(out.notes.join(" ")).toContain(`${TODAY} is still in progress`);
    await db.destroy();
  });
});
