import { beforeEach, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { type SpendOutput, spendOutputSchema } from "../../src/capabilities/spend-schema.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { UsageError } from "../../src/errors.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import {
  billed,
  estimate,
  insertAdjustments,
  insertBilled,
  insertCurPeriod,
  insertEstimates,
} from "../helpers/spend-rows.js";

const NOW = new Date("2026-11-26T15:00:00Z");
let db: Db;
let deps: Deps;

beforeEach(async () => {
  db = await memoryDb();
  const config = parseConfig({ accounts: [{ id: "222222222222", name: "staging" }] });
  deps = { db, config, now: () => NOW, log: silentLogger };
});

async function run(input: Record<string, unknown>): Promise<SpendOutput> {
  const out = await getSpendByModel.run(deps, getSpendByModel.inputSchema.parse(input));
  spendOutputSchema.parse(out); // every answer honours the output contract
  return out;
}

/** CUR through 2026-11-24 (refreshed that afternoon: billed through 11-23); estimates 11-20…11-26. */
async function seedBilledAndEstimated() {
  await insertCurPeriod(db, "2026-11", "2026-11-24", "2026-11-24T14:00:00Z");
  const days = Array.from({ length: 24 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);
  await insertBilled(
    db,
    days.map((day) => billed({ day, cost_usd: 10, tokens: 1000 })),
  );
  const est = [
    "2026-11-20",
    "2026-11-21",
    "2026-11-22",
    "2026-11-23",
    "2026-11-24",
    "2026-11-25",
    "2026-11-26",
  ];
  await insertEstimates(
    db,
    est.map((day) => estimate({ day, cost_usd: 3, tokens: 300 })),
  );
}

describe("get_spend_by_model", () => {
  it("defaults to this month through today, grouped by model", async () => {
    await insertBilled(db, [
      billed({ day: "2026-10-31", cost_usd: 1000 }),
      billed({ day: "2026-11-01", cost_usd: 5 }),
      billed({ day: "2026-11-26", cost_usd: 7, model: "Nova Pro" }),
    ]);
    const out = await run({ source: "billed" });
    expect(out).toMatchObject({ from: "2026-11-01", to: "2026-11-26", currency: "USD", groupBy: ["model"] });
    expect(out.rows.map((r) => [r.model, r.costUsd])).toEqual([
      ["Nova Pro", 7],
      ["Claude Sonnet 4.6", 5],
    ]);
    expect(out.totalCostUsd).toBe(12);
    expect(out.rows[0].share).toBeCloseTo(7 / 12, 12);
  });

  it("auto: billed rows through billedThrough, estimates after it", async () => {
    await seedBilledAndEstimated();
    const out = await run({ from: "2026-11-01", to: "2026-11-26", groupBy: ["day"], limit: 1000 });
    const byDay = Object.fromEntries(out.rows.map((r) => [r.day, r.costUsd]));
    expect(byDay["2026-11-23"]).toBe(10); // billed
    expect(byDay["2026-11-24"]).toBe(3); // CUR day still accumulating → estimate
    expect(byDay["2026-11-26"]).toBe(3);
    expect(out.rows).toHaveLength(26);
    expect(out.totalCostUsd).toBe(23 * 10 + 3 * 3);
    expect(out.provenance).toMatchObject({
      source: "mixed",
      billedThrough: "2026-11-23",
      estimatedFrom: "2026-11-24",
    });
  });

  it("auto stays billed inside the CUR and estimated past it; billed/estimated force one source", async () => {
    await seedBilledAndEstimated();
    const inside = await run({ from: "2026-11-20", to: "2026-11-22" });
    expect([inside.totalCostUsd, inside.provenance.source, inside.provenance.estimatedFrom]).toEqual([
      30,
      "billed",
      null,
    ]);
    const after = await run({ from: "2026-11-25", to: "2026-11-26" });
    expect([after.totalCostUsd, after.provenance.source]).toEqual([6, "estimated"]);
    const billedOnly = await run({ from: "2026-11-20", to: "2026-11-26", source: "billed" });
    expect(billedOnly.totalCostUsd).toBe(50); // includes the accumulating 11-24, nothing after
    const estOnly = await run({ from: "2026-11-01", to: "2026-11-26", source: "estimated" });
    expect([estOnly.totalCostUsd, estOnly.provenance.source, estOnly.provenance.estimatedFrom]).toEqual([
      21,
      "estimated",
      "2026-11-01",
    ]);
  });

  it("reports estimates without a known price as unpriced, never as $0", async () => {
    await insertEstimates(db, [
      estimate({ day: "2026-11-25", cost_usd: 4, tokens: 400 }),
      estimate({ day: "2026-11-25", model: "Brand New Model", cost_usd: null, tokens: 9000 }),
    ]);
    const out = await run({ from: "2026-11-25", to: "2026-11-26" });
    expect(out.rows).toEqual([
      { model: "Claude Sonnet 4.6", costUsd: 4, tokens: 400, share: 1, unpricedTokens: 0 },
      { model: "Brand New Model", costUsd: null, tokens: 9000, share: null, unpricedTokens: 9000 },
    ]);
    expect([out.totalCostUsd, out.unpricedTokens]).toEqual([4, 9000]);
    expect(getSpendByModel.summarize(out)).toContain("9,000 tokens without a known price not included");
    expect(getSpendByModel.table(out).rows[1]).toContain("unpriced");
  });

  it("sums rows beyond the limit into otherCostUsd; totalCostUsd stays the full total", async () => {
    const models = ["A", "B", "C", "D", "E"];
    await insertBilled(
      db,
      models.map((model, i) => billed({ day: "2026-11-02", model, cost_usd: 10 * (i + 1) })),
    );
    const out = await run({ from: "2026-11-01", to: "2026-11-30", source: "billed", limit: 2 });
    expect(out.rows.map((r) => r.model)).toEqual(["E", "D"]);
    expect(out).toMatchObject({ totalCostUsd: 150, truncated: true, otherCostUsd: 60, rowCount: 5 });
    expect(out.topModel).toEqual({ model: "E", costUsd: 50 });
    expect(getSpendByModel.table(out).rows.slice(2)).toEqual([
      ["(3 other)", "$60.00", "40.0%", ""],
      ["TOTAL", "$150.00", "100.0%", "0"],
    ]);
    expect(getSpendByModel.summarize(out)).toContain("3 more groups in other");
    const all = await run({ from: "2026-11-01", to: "2026-11-30", source: "billed" });
    expect(all).toMatchObject({ truncated: false, otherCostUsd: 0, rowCount: 5 });
  });

  it("keeps credits, refunds, discounts and tax beside cost, filtered by account", async () => {
    await insertBilled(db, [billed({ day: "2026-11-03", cost_usd: 100 })]);
    const adj = (
      day: string,
      account: string,
      kind: "credit" | "refund" | "discount" | "tax",
      amount_usd: number,
    ) => ({
      period: "2026-11",
      day,
      account,
      kind,
      line_item_type:
        kind === "tax" ? "Tax" : kind === "credit" ? "Credit" : kind === "refund" ? "Refund" : "EdpDiscount",
      model: null,
      amount_usd,
      ingest_id: 1,
    });
    await insertAdjustments(db, [
      adj("2026-11-03", "111111111111", "credit", -40),
      adj("2026-11-03", "111111111111", "discount", -5),
      adj("2026-11-04", "111111111111", "tax", 8.5),
      adj("2026-11-04", "222222222222", "refund", -12),
      adj("2026-10-31", "111111111111", "credit", -999), // outside the range
    ]);
    const out = await run({ from: "2026-11-01", to: "2026-11-26", source: "billed" });
    expect(out.totalCostUsd).toBe(100);
    expect(out.credits).toEqual({ creditsUsd: -40, refundsUsd: -12, discountsUsd: -5, taxUsd: 8.5 });
    const one = await run({
      from: "2026-11-01",
      to: "2026-11-26",
      source: "billed",
      filters: { account: ["111111111111"] },
    });
    expect(one.credits).toEqual({ creditsUsd: -40, refundsUsd: 0, discountsUsd: -5, taxUsd: 8.5 });
    expect(getSpendByModel.summarize(one)).toMatch(/credits\/refunds\/discounts -\$45\.00 not included$/);
    // A tag (or model, principal…) filter narrows the spend but cannot narrow the credits: the
    // answer keeps them whole and says so, instead of pairing a team's spend with them unannounced.
    const team = await run({
      from: "2026-11-01",
      to: "2026-11-26",
      source: "billed",
      filters: { account: ["111111111111"], tag: { key: "team", value: "search" }, model: ["Nova Pro"] },
    });
    expect(team.totalCostUsd).toBe(0);
    expect(team.credits).toEqual({
      creditsUsd: -40,
      refundsUsd: 0,
      discountsUsd: -5,
      taxUsd: 8.5,
      notSplitBy: ["tag", "model"],
    });
    expect(getSpendByModel.summarize(team)).toContain(
      "credits/refunds/discounts -$45.00 not included (for all Bedrock spend of the accounts in scope: credits cannot be split by tag, model)",
    );
  });

  it("names accounts from the CUR or the config, and measures principal and tag coverage", async () => {
    await insertBilled(db, [
      billed({
        day: "2026-11-03",
        cost_usd: 60,
        account_name: "prod",
        principal: "arn:aws:iam::111111111111:user/a",
      }),
      billed({ day: "2026-11-03", cost_usd: 30, account: "222222222222", tags: '{"team":"search"}' }),
      billed({ day: "2026-11-03", cost_usd: 10, account: "333333333333" }),
    ]);
    const out = await run({ from: "2026-11-03", to: "2026-11-03", source: "billed", groupBy: ["account"] });
    expect(out.rows.map((r) => [r.account, r.accountName])).toEqual([
      ["111111111111", "prod"],
      ["222222222222", "staging"],
      ["333333333333", null],
    ]);
    expect(out.provenance.coverage).toEqual({ principalPct: 60, taggedPct: 30 });
  });

  it("names tag rows after the groupBy key, for resource and principal tags", async () => {
    await insertBilled(db, [
      billed({ day: "2026-11-03", cost_usd: 6, tags: '{"team":"search","iamPrincipal/team":"chat"}' }),
      billed({ day: "2026-11-03", cost_usd: 4, tags: '{"iamPrincipal/team":"chat"}' }),
      billed({ day: "2026-11-04", cost_usd: 1 }),
    ]);
    const out = await run({ groupBy: ["tag:iamPrincipal/team", "tag:team"], source: "billed" });
    expect(out.rows.map((r) => [r["tag:iamPrincipal/team"], r["tag:team"], r.costUsd])).toEqual([
      ["chat", "search", 6],
      ["chat", null, 4],
      [null, null, 1],
    ]);
    const byTeam = await run({ groupBy: ["tag:team"], source: "billed" }); // rollup path
    expect(byTeam.rows.map((r) => [r["tag:team"], r.costUsd])).toEqual(
      [
        [null, 5],
        ["search", 6],
      ].sort((a, b) => Number(b[1]) - Number(a[1])),
    );
    expect(byTeam.provenance.coverage.taggedPct).toBeCloseTo((100 * 10) / 11, 9);
  });

  it("takes lastCollectedAt from the newest successful ingest", async () => {
    const log = (status: "ok" | "failed", finished_at: string) => ({
      source: "cur",
      status,
      files: "[]",
      rows_read: 0,
      bedrock_rows: 0,
      skipped_rows: 0,
      cost_usd: 0,
      warnings: "[]",
      error: null,
      started_at: finished_at,
      finished_at,
    });
    await db
      .insertInto("ingest_log")
      .values([
        log("ok", "2026-11-25T06:00:00Z"),
        log("ok", "2026-11-26T06:00:00Z"),
        log("failed", "2026-11-26T12:00:00Z"),
      ])
      .execute();
    const out = await run({});
    expect(out.provenance).toMatchObject({ lastCollectedAt: "2026-11-26T06:00:00Z", billedThrough: null });
    expect(out.provenance.coverage).toEqual({ principalPct: null, taggedPct: null });
  });

  it("prints a summary line and a table with a TOTAL row", async () => {
    await insertCurPeriod(db, "2026-11", "2026-11-25", "2026-11-26T03:00:00Z");
    await insertBilled(db, [
      billed({ day: "2026-11-03", cost_usd: 75, tokens: 5000 }),
      billed({ day: "2026-11-03", cost_usd: 25, tokens: 2000, model: "Nova Pro", account: "222222222222" }),
    ]);
    const out = await run({ groupBy: ["model", "account"] });
    // Today has no estimate yet (no metrics collected): unknown, said so, never folded in as $0.
    expect(out.provenance.dataThrough).toBe("2026-11-25");
    expect(getSpendByModel.summarize(out)).toBe(
      "Bedrock spend 2026-11-01 → 2026-11-26: $100.00 (mixed: billed through 2026-11-25); no cost data after 2026-11-25 yet: 2026-11-26 unknown, not $0; top model Claude Sonnet 4.6 $75.00 (75.0%)",
    );
    const t = getSpendByModel.table(out);
    expect(t.headers).toEqual(["model", "account", "account name", "cost", "share", "tokens"]);
    expect(t.rows).toEqual([
      ["Claude Sonnet 4.6", "111111111111", "", "$75.00", "75.0%", "5,000"],
      ["Nova Pro", "222222222222", "staging", "$25.00", "25.0%", "2,000"],
      ["TOTAL", "", "", "$100.00", "100.0%", "7,000"],
    ]);
  });

  it("says which days have no cost data yet: the CUR's lag is unknown, a day the collector read is $0", async () => {
    await insertCurPeriod(db, "2026-11", "2026-11-22", "2026-11-23T03:00:00Z");
    await insertBilled(db, [billed({ day: "2026-11-20", cost_usd: 40, tokens: 1000 })]);
    const lagging = await run({ from: "2026-11-20", to: "2026-11-26" });
    expect(lagging.provenance).toMatchObject({ billedThrough: "2026-11-22", dataThrough: "2026-11-22" });
    expect(getSpendByModel.summarize(lagging)).toContain(
      "$40.00 (mixed: billed through 2026-11-22); no cost data after 2026-11-22 yet: 2026-11-23 → 2026-11-26 unknown, not $0",
    );
    const ahead = await run({ from: "2026-11-24", to: "2026-11-26" });
    expect(getSpendByModel.summarize(ahead)).toMatch(
      /^Bedrock spend 2026-11-24 → 2026-11-26: unknown \(estimated: billed through 2026-11-22\); no cost data for 2026-11-24 → 2026-11-26 yet: unknown, not \$0$/,
    );

    // Estimates for the 24th: known through it, and "estimated from" is true again.
    await insertEstimates(db, [estimate({ day: "2026-11-24", cost_usd: 5 })]);
    const estimated = await run({ from: "2026-11-20", to: "2026-11-26" });
    expect(estimated.provenance.dataThrough).toBe("2026-11-24");
    expect(getSpendByModel.summarize(estimated)).toContain(
      "$45.00 (mixed: billed through 2026-11-22, estimated from 2026-11-23); no cost data after 2026-11-24 yet: 2026-11-25 → 2026-11-26 unknown",
    );

    // The metrics collector read through today: quiet days since then cost $0, nothing unknown.
    await db
      .insertInto("metric_watermark")
      .values({
        account: "111111111111",
        region: "us-east-1",
        last_hour: "2026-11-26T11:00Z",
        updated_at: "2026-11-26T11:05:00Z",
      })
      .execute();
    const read = await run({ from: "2026-11-20", to: "2026-11-26" });
    expect(read.provenance.dataThrough).toBe("2026-11-26");
    expect(getSpendByModel.summarize(read)).not.toContain("no cost data");
    expect(getSpendByModel.summarize(read)).toContain(
      "$45.00 (mixed: billed through 2026-11-22, estimated from 2026-11-23)",
    );
  });

  it("names the account/regions missing from the estimates (metrics not read), within the filters", async () => {
    await insertCurPeriod(db, "2026-11", "2026-11-22", "2026-11-23T03:00:00Z");
    await insertBilled(db, [billed({ day: "2026-11-21", cost_usd: 30 })]);
    await insertEstimates(
      db,
      ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"].map((day) => estimate({ day, cost_usd: 10 })),
    );
    const mark = (account: string, last_hour: string) => ({
      account,
      region: "us-east-1",
      last_hour,
      updated_at: "2026-11-26T11:05:00Z",
    });
    await db
      .insertInto("metric_watermark")
      .values([mark("111111111111", "2026-11-26T11:00Z"), mark("222222222222", "2026-11-20T23:00Z")])
      .execute();
    const out = await run({ from: "2026-11-20", to: "2026-11-26" });
    expect(out.provenance.dataThrough).toBe("2026-11-26");
    expect(out.provenance.estimateGaps).toEqual([
      {
        account: "222222222222",
        accountName: "staging",
        region: "us-east-1",
        metricsThrough: "2026-11-20T23:00Z",
      },
    ]);
    expect(getSpendByModel.summarize(out)).toContain(
      "; estimates leave out staging (222222222222) us-east-1: metrics only through 2026-11-20T23:00Z — unknown there, not $0;",
    );
    const prod = await run({ from: "2026-11-20", to: "2026-11-26", filters: { account: ["111111111111"] } });
    expect(prod.provenance.estimateGaps).toEqual([]);
    expect(getSpendByModel.summarize(prod)).not.toContain("leave out");
    // Billed days need no metrics: a question inside the CUR names no gap.
    const billedOnly = await run({ from: "2026-11-20", to: "2026-11-22" });
    expect(billedOnly.provenance.estimateGaps).toEqual([]);
  });

  it("rejects a range that ends before the default start, naming both days", async () => {
    const failure = run({ to: "2026-10-15" });
    await expect(failure).rejects.toThrow(/from 2026-11-01 is after to 2026-10-15/);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
  });
});
