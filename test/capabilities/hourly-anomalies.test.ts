import { describe, expect, it } from "vitest";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import { planHourWindow } from "../../src/capabilities/hourly-window.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { A3, LOOP, NOW, RUNAWAY_HOURS, seedHourlyOrg } from "./hourly-fixture.js";

const deps = (db: Db, config: unknown = {}): Deps => ({
  db,
  config: parseConfig(config),
  now: () => new Date(NOW),
  log: silentLogger,
});
const hourly = (db: Db, input: object = {}, config: unknown = {}) =>
  cap.run(deps(db, config), cap.inputSchema.parse({ granularity: "hour", ...input }));

describe("detect_anomalies granularity hour on a real store (estimated from CloudWatch tokens)", () => {
  it("catches a 3-hour runaway loop of one model in one account, with hour, key and drivers", async () => {
    const db = await memoryDb();
    await seedHourlyOrg(db, { runaway: true });
    const out = await hourly(db);
    expect(cap.outputSchema.parse(out)).toEqual(out);
    expect(out).toMatchObject({ from: "2026-11-14", to: "2026-11-16", notes: [] });
    const found = (dim: string) =>
      out.anomalies
        .filter((a) => a.dimension === dim)
        .map((a) => [a.hour, a.key])
        .sort();
    expect(found("model")).toEqual(RUNAWAY_HOURS.map((h) => [h, "Claude Sonnet 4.6"]));
    expect(found("account")).toEqual(RUNAWAY_HOURS.map((h) => [h, A3]));
    expect(found("region")).toEqual(RUNAWAY_HOURS.map((h) => [h, "us-east-1"]));
    expect(found("total")).toEqual(RUNAWAY_HOURS.map((h) => [h, null]));
    // Nothing else: not the hour after the loop (a 3-hour loop is not adopted as a new level).
    expect(out.anomalies).toHaveLength(12);
    for (const a of out.anomalies) {
      expect(a).toMatchObject({ granularity: "hour", source: "estimated", direction: "spike" });
      expect(a.date).toBe(a.hour?.slice(0, 10));
      // ~9 × $3.1 of Sonnet 4.6 at night ($3.30/$16.50 per 1M tokens), not a made-up number.
      expect(a.impactUsd).toBeGreaterThan(22);
      expect(a.impactUsd).toBeLessThan(32);
    }
    const total = out.anomalies.find((a) => a.dimension === "total" && a.hour === RUNAWAY_HOURS[1]);
    const driver = (dim: string) => total?.drivers.find((d) => d.dimension === dim)?.key;
    expect([driver("model"), driver("account"), driver("region")]).toEqual([
      "Claude Sonnet 4.6",
      A3,
      "us-east-1",
    ]);
    expect(driver("token_type")).toBe("output");
    expect(driver("principal")).toBe(LOOP);
    // Same finding, same id (alerts post once per id); hourly ids differ per hour.
    const again = await hourly(db);
    expect(again.anomalies.map((a) => a.id)).toEqual(out.anomalies.map((a) => a.id));
    expect(new Set(out.anomalies.map((a) => a.id)).size).toBe(12);
    await db.destroy();
  });

  it("principal series come from invocation logs; minImpactUsd is per hour; minScore applies", async () => {
    const db = await memoryDb();
    await seedHourlyOrg(db, { runaway: true });
    // The loop principal carries 60% of the tokens: ~$17 an hour over its baseline, under the $20 bar.
    expect((await hourly(db, { dimension: "principal" })).anomalies).toEqual([]);
    const low = await hourly(db, { dimension: "principal", minImpactUsd: 10 });
    expect(low.anomalies.map((a) => [a.hour, a.key])).toEqual(
      expect.arrayContaining(RUNAWAY_HOURS.map((h) => [h, LOOP])),
    );
    expect(low.anomalies).toHaveLength(3);
    expect(low.anomalies[0].drivers.map((d) => d.dimension)).toContain("model");
    expect((await hourly(db, { minImpactUsd: 40 })).anomalies).toEqual([]);
    expect((await hourly(db, {}, { anomaly: { minScore: 500 } })).anomalies).toEqual([]);
    await db.destroy();
  });

  it("the clean series (weekday and hour-of-day pattern, noise) raise no hourly anomaly", async () => {
    const db = await memoryDb();
    await seedHourlyOrg(db);
    const out = await hourly(db, { minImpactUsd: 1 });
    expect(out.anomalies).toEqual([]);
    expect(out.notes).toEqual([]);
    // Both granularities: the hourly half adds nothing on clean data either.
    expect((await cap.run(deps(db), cap.inputSchema.parse({}))).anomalies).toEqual([]);
    await db.destroy();
  });

  it("with 10 days of history: hour-of-day baseline (said in notes) still catches the loop", async () => {
    const db = await memoryDb();
    await seedHourlyOrg(db, { runaway: true, days: 10 });
    const out = await hourly(db, { dimension: "account" });
    expect(out.notes).toEqual(["hour: under 3 weeks of hourly history; hour-of-day baseline only"]);
    expect(out.anomalies.map((a) => [a.hour, a.key]).sort()).toEqual(RUNAWAY_HOURS.map((h) => [h, A3]));
    await db.destroy();
  });

  it("an empty store says why nothing was evaluated", async () => {
    const db = await memoryDb();
    const out = await hourly(db);
    expect(out.anomalies).toEqual([]);
    expect(out.notes.join(" ")).toMatch(/no CloudWatch token metrics .* run collect/);
    await db.destroy();
  });
});

describe("planHourWindow", () => {
  const now = new Date("2026-11-16T12:34:00Z");
  it.each([
    [{ through: null }, "2026-11-14T12:00Z", "2026-11-16T11:00Z", 0],
    [{ through: "2026-11-14" }, "2026-11-15T00:00Z", "2026-11-16T11:00Z", 1],
    [{ from: "2026-11-10", to: "2026-11-12", through: null }, "2026-11-10T00:00Z", "2026-11-12T23:00Z", 0],
    [{ to: "2026-11-20", through: null }, "2026-11-14T12:00Z", "2026-11-16T11:00Z", 0],
  ])("%j → %s..%s", (req, from, to, notes) => {
    const w = planHourWindow(now, req);
    expect([w.from, w.to, w.notes.length]).toEqual([from, to, notes]);
  });
});
