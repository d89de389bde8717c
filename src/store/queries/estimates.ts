import type { EstimatedCostRow } from "../../domain/cost-rows.js";
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

const CHUNK = 400;

/**
 * Replaces the estimated rows of the days [from, to] and records the run, in ONE transaction:
 * readers see the old estimate or the new one, never half of each.
 */
export async function replaceEstimates(
  db: Db,
  rows: EstimatedCostRow[],
  run: EstimateRunRecord,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("cost_estimate_daily")
      .where("day", ">=", run.from)
      .where("day", "<=", run.to)
      .execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, computed_at: run.computedAt }));
      await tx.insertInto("cost_estimate_daily").values(chunk).execute();
    }
    await tx
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
