import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import { memoOnData } from "../../src/capabilities/store-memo.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { type Db, openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { fileDb } from "../helpers/db.js";
import { A3, NOW, RUNAWAY_HOURS, seedHourlyOrg } from "./hourly-fixture.js";

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

async function twoConnections(): Promise<[Db, Db]> {
  const { db, path } = await fileDb();
  const other = await openDb(path);
  open.push(db, other);
  return [db, other];
}

const deps = (db: Db): Deps => ({ db, config: parseConfig({}), now: () => new Date(NOW), log: silentLogger });
const hourly = (db: Db) => cap.run(deps(db), cap.inputSchema.parse({ granularity: "hour" }));

/** Multiplies (or divides) account 333…'s tokens in the runaway hours: a write like a collection's. */
async function scaleRunaway(db: Db, factor: number) {
  await db
    .updateTable("metric_hourly")
    .set({
      input_tokens: sql`input_tokens * ${factor}`,
      output_tokens: sql`output_tokens * ${factor}`,
    })
    .where("account", "=", A3)
    .where("hour", "in", RUNAWAY_HOURS)
    .execute();
}

describe("store memo: shared inputs are reused only while the store's data is unchanged", () => {
  it("a detect_anomalies question sees a write from this connection and from another process at once", async () => {
    const [db, other] = await twoConnections();
    await seedHourlyOrg(db);
    expect((await hourly(db)).anomalies).toEqual([]);
    // The collector inside `serve` writes through the same connection.
    await scaleRunaway(db, 10);
    const runaway = await hourly(db);
    const totals = runaway.anomalies.filter((a) => a.dimension === "total").map((a) => a.hour);
    expect(totals.sort()).toEqual(RUNAWAY_HOURS);
    // A `collect` process restating those hours writes through its own connection.
    await scaleRunaway(other, 0.1);
    expect((await hourly(db)).anomalies).toEqual([]);
  });

  it("computes once per data version, recomputes after any commit, forgets failures, keeps within its weight", async () => {
    const [db, other] = await twoConnections();
    await seedHourlyOrg(db);
    let computed = 0;
    const count = (key: string) =>
      memoOnData(
        db,
        key,
        async () => ++computed,
        () => 1,
      );
    const value = () => count("k");
    expect([await value(), await value()]).toEqual([1, 1]);
    await touch(other);
    expect(await value()).toBe(2);
    await touch(db);
    expect(await value()).toBe(3);
    // Callers asking while it computes share one computation.
    const both = await Promise.all([count("s"), count("s")]);
    expect(both).toEqual([4, 4]);

    let attempts = 0;
    const failing = () =>
      memoOnData(
        db,
        "f",
        async () => {
          attempts++;
          if (attempts === 1) throw new Error("read failed");
          return "ok";
        },
        () => 1,
      );
    await expect(failing()).rejects.toThrow("read failed");
    expect(await failing()).toBe("ok");
    expect(attempts).toBe(2);

    // A value heavier than the budget is returned but not kept; light ones stay.
    let heavy = 0;
    const big = () =>
      memoOnData(
        db,
        "big",
        async () => ++heavy,
        () => 10_000_000,
      );
    await big();
    await big();
    expect(heavy).toBe(2);
    expect(await value()).toBe(3);
  });
});

/** Any committed write (a collector's latency figure changes). */
async function touch(db: Db) {
  await db
    .updateTable("metric_hourly")
    .set({ latency_avg_ms: sql`latency_avg_ms + 1` })
    .where("hour", "=", RUNAWAY_HOURS[0])
    .execute();
}
