import type { Insertable } from "kysely";
import type { Db } from "../../src/store/db.js";
import type { CostAdjustmentTable, CostDailyTable } from "../../src/store/schema.js";
import type { CostEstimateDailyTable } from "../../src/store/schema-estimate.js";

/** Canonical rows for spend tests: defaults for every column, override what the test is about. */

export type Billed = Insertable<CostDailyTable>;
export type Estimate = Insertable<CostEstimateDailyTable>;

/** Defaults for the canonical columns both tables share. */
const CANONICAL = {
  account: "111111111111",
  account_name: null,
  region: "us-east-1",
  model: "Claude Sonnet 4.6",
  model_id: "anthropic.claude-sonnet-4-6",
  token_type: "input",
  cache_ttl: null,
  pricing_model: "on_demand",
  route: "regional",
  principal: null,
  resource_id: null,
  tags: "{}",
  tokens: 0,
} as const;

export function billed(over: Partial<Billed> & { day: string; cost_usd: number }): Billed {
  return {
    period: over.day.slice(0, 7),
    payer_account: "999999999999",
    ...CANONICAL,
    usage_type: "USE1-Claude4.6Sonnet-input-tokens",
    product_code: "AmazonBedrock",
    usage_amount: 0,
    unit: "Units",
    list_cost_usd: null,
    ingest_id: 1,
    ...over,
  };
}

export function estimate(over: Partial<Estimate> & { day: string; cost_usd: number | null }): Estimate {
  return {
    ...CANONICAL,
    source: "metrics",
    computed_at: "2026-11-26T06:00:00Z",
    ...over,
  };
}

/** In statements of 1,000 rows: one statement of many rows would pass SQLite's bound-parameter cap. */
export async function insertBilled(db: Db, rows: Billed[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000)
    await db
      .insertInto("cost_daily")
      .values(rows.slice(i, i + 1_000))
      .execute();
}

export async function insertEstimates(db: Db, rows: Estimate[]): Promise<void> {
  if (rows.length) await db.insertInto("cost_estimate_daily").values(rows).execute();
}

export async function insertAdjustments(db: Db, rows: Insertable<CostAdjustmentTable>[]): Promise<void> {
  if (rows.length) await db.insertInto("cost_adjustment").values(rows).execute();
}

/** One CUR period as the ingestion would record it. */
export async function insertCurPeriod(db: Db, period: string, lastUsageDay: string, refreshedAt: string) {
  await db
    .insertInto("cur_period")
    .values({
      period,
      source: "test",
      fingerprint: `fp-${period}`,
      ingest_id: 1,
      last_usage_day: lastUsageDay,
      refreshed_at: refreshedAt,
      has_iam_principal: 1,
      ingested_at: refreshedAt,
    })
    .execute();
}
