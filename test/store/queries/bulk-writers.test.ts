import { describe, expect, it } from "vitest";
import type { EstimatedCostRow } from "../../../src/domain/cost-rows.js";
import type { Db } from "../../../src/store/db.js";
import { replaceEstimates } from "../../../src/store/queries/estimates.js";
import {
  type MetricHourRow,
  upsertMetricHours,
  writeMetricHours,
} from "../../../src/store/queries/metrics.js";
import { querySpend } from "../../../src/store/queries/spend.js";
import { memoryDb, triggerNames } from "../../helpers/db.js";
import { estimate } from "../../helpers/spend-rows.js";

const run = (from: string, to: string) => ({
  from,
  to,
  metricTokens: 0,
  attributedTokens: 0,
  unpricedTokens: 0,
  estimatedUsd: 0,
  computedAt: "2026-11-26T06:00:00Z",
});

const triggers = (db: Db) => triggerNames(db);

describe("replaceEstimates (bulk path)", () => {
  it("replaces the range, marks its days once and keeps the rollup exact", async () => {
    const db = await memoryDb();
    const before = await triggers(db);
    const rows = (days: string[], usd: number) =>
      days.flatMap((day, i) => [
        estimate({ day, cost_usd: usd + i, tokens: 10, tags: '{"team":"a"}' }),
        estimate({ day, cost_usd: null, tokens: 5, model: "Unpriced" }),
      ]) as EstimatedCostRow[];
    await replaceEstimates(
      db,
      rows(["2026-11-24", "2026-11-25", "2026-11-26"], 1),
      run("2026-11-24", "2026-11-26"),
    );
    // A recompute of a shorter range: the day left out keeps its rows, the others are replaced.
    await replaceEstimates(db, rows(["2026-11-25"], 10), run("2026-11-25", "2026-11-26"));
    expect(await triggers(db)).toEqual(before);
    const dirty = await db.selectFrom("spend_rollup_dirty").select("day").orderBy("day").execute();
    expect(dirty.map((d) => d.day)).toEqual(["2026-11-24", "2026-11-25", "2026-11-26"]);
    const q = { groupBy: ["day" as const], estimated: { from: "2026-11-20", to: "2026-11-30" }, limit: 99 };
    const fast = await querySpend(db, q);
    expect(fast).toEqual(await querySpend(db, { ...q, useRollup: false }));
    expect(fast.rows.map((r) => [r.keys[0], r.costUsd, r.unpricedTokens])).toEqual([
      ["2026-11-25", 10, 5],
      ["2026-11-24", 1, 5],
    ]);
    const runs = await db.selectFrom("estimate_run").select(["from_day", "rows"]).execute();
    expect(runs).toEqual([
      { from_day: "2026-11-24", rows: 6 },
      { from_day: "2026-11-25", rows: 2 },
    ]);
  });
});

describe("writeMetricHours (bulk path)", () => {
  // Rows that leave value columns out: the writer fills the columns' defaults (migration 0003).
  const hour = (h: number, over: Partial<MetricHourRow> = {}): MetricHourRow =>
    ({
      account: "111111111111",
      region: "us-east-1",
      model_id: "amazon.nova-pro-v1:0",
      hour: `2026-11-25T${String(h).padStart(2, "0")}:00:00Z`,
      input_tokens: h,
      ...over,
    }) as MetricHourRow;

  it("upserts hours by key (last write wins), fills defaults and moves the watermark with the rows", async () => {
    const db = await memoryDb();
    await upsertMetricHours(
      db,
      Array.from({ length: 250 }, (_, i) => hour(i % 24, { invocations: i })),
    );
    await writeMetricHours(db, [hour(3, { input_tokens: 99, latency_avg_ms: 12.5 })], {
      account: "111111111111",
      region: "us-east-1",
      lastHour: "2026-11-25T23:00:00Z",
      at: "2026-11-26T00:00:00Z",
    });
    const rows = await db.selectFrom("metric_hourly").selectAll().orderBy("hour").execute();
    expect(rows).toHaveLength(24);
    expect(rows[3]).toMatchObject({ input_tokens: 99, latency_avg_ms: 12.5, invocations: 0, throttles: 0 });
    expect(rows[4]).toMatchObject({ input_tokens: 4, invocations: 244, latency_avg_ms: null });
    const w = await db.selectFrom("metric_watermark").select("last_hour").executeTakeFirstOrThrow();
    expect(w.last_hour).toBe("2026-11-25T23:00:00Z");
  });
});
