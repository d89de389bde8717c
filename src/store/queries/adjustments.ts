import { sql } from "kysely";
import type { DayRange } from "../../domain/vocabulary.js";
import type { Db } from "../db.js";

/** Credits, refunds, discounts and tax on Bedrock lines, in USD as the CUR states them (credits negative). */
export interface AdjustmentSums {
  creditsUsd: number;
  refundsUsd: number;
  discountsUsd: number;
  taxUsd: number;
}

const FIELD = {
  credit: "creditsUsd",
  refund: "refundsUsd",
  discount: "discountsUsd",
  tax: "taxUsd",
} as const;

/** Sums `cost_adjustment` by kind over an inclusive day range, optionally for some accounts only. */
export async function sumAdjustments(db: Db, range: DayRange, accounts?: string[]): Promise<AdjustmentSums> {
  let qb = db
    .selectFrom("cost_adjustment")
    .select(["kind", sql<number>`total(amount_usd)`.as("usd")])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to);
  if (accounts?.length) qb = qb.where("account", "in", accounts);
  const out: AdjustmentSums = { creditsUsd: 0, refundsUsd: 0, discountsUsd: 0, taxUsd: 0 };
  for (const r of await qb.groupBy("kind").execute()) {
    const field = FIELD[r.kind];
    if (field) out[field] = Number(r.usd);
  }
  return out;
}
