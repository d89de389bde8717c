import { beforeEach, describe, expect, it } from "vitest";
import { computeDrift, recomputeEstimates } from "../../../src/derive/estimate.js";
import type { Db } from "../../../src/store/db.js";
import { writePrices } from "../../../src/store/queries/prices.js";
import { querySpend } from "../../../src/store/queries/spend.js";
import { memoryDb } from "../../helpers/db.js";
import { A, NOW, PT, PT_RATE, seedPricingOrg } from "../../helpers/pricing-org.js";

let db: Db;
beforeEach(async () => {
  db = await memoryDb();
  await seedPricingOrg(db);
});

const dayCost = async (day: string, model?: string) => {
  let q = db
    .selectFrom("cost_estimate_daily")
    .select((eb) => eb.fn.sum<number>("cost_usd").as("c"))
    .where("day", "=", day);
  if (model) q = q.where("model", "=", model);
  return Number((await q.executeTakeFirst())?.c ?? 0);
};

describe("recomputeEstimates on a real SQLite store", () => {
  it("writes metrics, logs and fixed rows, seeds the bundled prices and records coverage", async () => {
    const r = await recomputeEstimates(db, { now: NOW, accounts: [{ id: A, name: "prod" }] });
    expect(r).toMatchObject({ from: "2026-10-18", to: "2026-11-26" });
    expect(await dayCost("2026-11-23", "Nova Pro")).toBeCloseTo(0.8 + 0.64 + 24 * PT_RATE, 9);
    expect(await dayCost("2026-11-23", "Claude 3.5 Sonnet v2")).toBeCloseTo(3, 9);
    // Today: the PT's 12 hours so far.
    const ptToday = await db
      .selectFrom("cost_estimate_daily")
      .selectAll()
      .where("day", "=", "2026-11-26")
      .where("source", "=", "fixed")
      .execute();
    expect(ptToday.map((x) => [x.resource_id, x.cost_usd])).toEqual([[PT, 12 * PT_RATE]]);
    // 11-25: 400k of the 1M Nova Pro input tokens are attributed to the principal by the logs.
    const split = await db
      .selectFrom("cost_estimate_daily")
      .select(["source", "principal", "tokens", "tags", "account_name"])
      .where("day", "=", "2026-11-25")
      .where("model", "=", "Nova Pro")
      .where("token_type", "=", "input")
      .orderBy("source")
      .execute();
    expect(split).toEqual([
      {
        source: "logs",
        principal: "arn:aws:sts::111111111111:assumed-role/Chat/svc",
        tokens: 400_000,
        tags: '{"requestMetadata/app":"chat"}',
        account_name: "prod",
      },
      { source: "metrics", principal: null, tokens: 600_000, tags: "{}", account_name: "prod" },
    ]);
    expect(r.coverage.attributedTokens).toBe(400_000);
    expect(r.coverage.unpricedTokens).toBe(0);
    const run = await db.selectFrom("estimate_run").selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ from_day: "2026-10-18", to_day: "2026-11-26", attributed_tokens: 400_000 });
    expect(
      await db
        .selectFrom("price")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ).toEqual({ n: 573 });
  });

  it("is idempotent and stores the drift of billed days only, with causes", async () => {
    await recomputeEstimates(db, { now: NOW });
    const first = await db
      .selectFrom("cost_estimate_daily")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const r = await recomputeEstimates(db, { now: NOW });
    expect(
      await db
        .selectFrom("cost_estimate_daily")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ).toEqual(first);
    expect(r.drift.map((d) => [d.day, d.model, d.flagged, d.likelyCause])).toEqual([
      ["2026-11-23", "Nova Pro", false, null],
      ["2026-11-23", "Claude 3.5 Sonnet v2", false, null],
      ["2026-11-24", "Nova Pro", true, "region_not_collected"],
      ["2026-11-24", "Claude 3.5 Sonnet v2", false, null],
    ]);
    const stored = await db
      .selectFrom("reconcile_drift")
      .selectAll()
      .orderBy("day")
      .orderBy("model")
      .execute();
    expect(stored).toHaveLength(4);
    expect(stored.find((s) => s.flagged)?.likely_cause).toBe("region_not_collected");
    expect(await computeDrift(db, "2026-11-25", "2026-11-26")).toEqual([]);
  });

  it("a price added later changes only the days it is in effect for", async () => {
    await recomputeEstimates(db, { now: NOW });
    const before23 = await dayCost("2026-11-23", "Nova Pro");
    await writePrices(
      db,
      [
        {
          model: "Nova Pro",
          region: "us-east-1",
          route: "regional",
          pricingModel: "on_demand",
          tokenType: "input",
          cacheTtl: null,
          usdPerMillion: 1.6,
          effectiveFrom: "2026-11-26",
          source: "test",
        },
      ],
      NOW.toISOString(),
    );
    const before26 = await dayCost("2026-11-26", "Nova Pro");
    await recomputeEstimates(db, { now: NOW });
    expect(await dayCost("2026-11-23", "Nova Pro")).toBeCloseTo(before23, 9);
    expect(await dayCost("2026-11-26", "Nova Pro")).toBeCloseTo(before26 + 0.8, 9);
  });

  it("commits with the spend rollup already rebuilt: no dirty day, rollup = raw estimate rows", async () => {
    await recomputeEstimates(db, { now: NOW });
    expect(await db.selectFrom("spend_rollup_dirty").selectAll().execute()).toEqual([]);
    const estimated = { from: "2026-11-20", to: "2026-11-26" };
    const rolled = await querySpend(db, { groupBy: ["model"], estimated, limit: 100 });
    const raw = await querySpend(db, { groupBy: ["model"], estimated, limit: 100, useRollup: false });
    expect(rolled.rows.map((r) => r.keys)).toEqual(raw.rows.map((r) => r.keys));
    expect(rolled.totals.costUsd).toBeCloseTo(raw.totals.costUsd, 9);
    let sum = 0;
    for (const d of ["20", "21", "22", "23", "24", "25", "26"]) sum += await dayCost(`2026-11-${d}`);
    expect(rolled.totals.costUsd).toBeCloseTo(sum, 9);
  });
});
