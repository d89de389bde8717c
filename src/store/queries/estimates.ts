import type { EstimatedCostRow } from "../../domain/cost-rows.js";
import { bulkTransaction } from "../bulk.js";
import type { Db } from "../db.js";

/** What one estimate recompute covered, kept in `estimate_run` for provenance and onboarding. */
export interface EstimateRunRecord {
  from: string;
  to: string;
  metricTokens: number;
  attributedTokens: number;
  unpricedTokens: number;
  estimatedUsd: number;
  computedAt: string;
}

const COLUMNS = [
  "day",
  "account",
  "account_name",
  "region",
  "model",
  "model_id",
  "token_type",
  "cache_ttl",
  "pricing_model",
  "route",
  "principal",
  "resource_id",
  "tags",
  "tokens",
  "cost_usd",
  "source",
] as const satisfies readonly (keyof EstimatedCostRow)[];

/**
 * Replaces the estimated rows of the days [from, to] and records the run, in ONE transaction:
 * readers see the old estimate or the new one, never half of each. Rows go through one prepared
 * statement with the per-row rollup triggers suspended; the changed days are marked dirty once
 * for the rollup refresh the caller runs after the commit.
 */
export async function replaceEstimates(
  db: Db,
  rows: EstimatedCostRow[],
  run: EstimateRunRecord,
): Promise<void> {
  await bulkTransaction(db, async (s) => {
    const inRange = "day >= ? AND day <= ?";
    const days = new Set(
      await s.column<string>(`SELECT DISTINCT day FROM cost_estimate_daily WHERE ${inRange}`, [
        run.from,
        run.to,
      ]),
    );
    const restore = await s.suspend("cost_estimate_daily", "trigger");
    await s.run(`DELETE FROM cost_estimate_daily WHERE ${inRange}`, [run.from, run.to]);
    const ins = s.insert("cost_estimate_daily", COLUMNS, { constants: { computed_at: run.computedAt } });
    for (const r of rows) {
      await ins.add(COLUMNS.map((c) => r[c]));
      days.add(r.day);
    }
    await ins.flush();
    await restore();
    const mark = s.insert("spend_rollup_dirty", ["day"], {
      constants: { src: "estimated" },
      suffix: "ON CONFLICT DO NOTHING",
    });
    for (const d of days) await mark.add([d]);
    await mark.flush();
    await s.conn
      .insertInto("estimate_run")
      .values({
        from_day: run.from,
        to_day: run.to,
        rows: rows.length,
        metric_tokens: run.metricTokens,
        attributed_tokens: run.attributedTokens,
        unpriced_tokens: run.unpricedTokens,
        estimated_usd: run.estimatedUsd,
        computed_at: run.computedAt,
      })
      .execute();
  });
}
