import type { CostLine, DriftRow } from "../../domain/facts.js";
import type { Db } from "../db.js";

/** Cost lines of both sides for reconciliation, summed per day × model × account × region × tier × token type. */
export async function readCostLines(
  db: Db,
  table: "cost_daily" | "cost_estimate_daily",
  from: string,
  to: string,
): Promise<CostLine[]> {
  const rows = await db
    .selectFrom(table as "cost_daily")
    .select((eb) => [
      "day",
      "model",
      "account",
      "region",
      "pricing_model",
      "token_type",
      eb.fn.sum<number>("tokens").as("tokens"),
      // SUM over only-NULL costs is NULL: an unpriced estimate stays unpriced.
      eb.fn.sum<number | null>("cost_usd").as("cost"),
    ])
    .where("day", ">=", from)
    .where("day", "<=", to)
    .groupBy(["day", "model", "account", "region", "pricing_model", "token_type"])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    model: r.model,
    account: r.account,
    region: r.region,
    pricingModel: r.pricing_model,
    tokenType: r.token_type,
    costUsd: r.cost,
    tokens: r.tokens,
  }));
}

/** Replaces the stored drift of the days in [from, to] (one transaction). */
export async function replaceDrift(
  db: Db,
  from: string,
  to: string,
  rows: DriftRow[],
  at: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("reconcile_drift").where("day", ">=", from).where("day", "<=", to).execute();
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insertInto("reconcile_drift")
        .values(
          rows.slice(i, i + 500).map((r) => ({
            day: r.day,
            model: r.model,
            billed_usd: r.billedUsd,
            estimated_usd: r.estimatedUsd,
            drift_pct: r.driftPct,
            flagged: r.flagged ? 1 : 0,
            likely_cause: r.likelyCause,
            computed_at: at,
          })),
        )
        .execute();
    }
  });
}
