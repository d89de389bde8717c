import type { Insertable } from "kysely";
import type { Db } from "../../src/store/db.js";
import type { CostDailyTable } from "../../src/store/schema.js";
import { DEMO_ACCOUNTS, DEMO_MODELS, DEMO_PRINCIPALS, REGION_CODES } from "../../src/synthetic/org.js";
import { addDays } from "../../src/util/dates.js";

/**
 * Fills cost_daily with canonical rows straight from the demo org (no CUR parsing): every day ×
 * account × model × input/output token line, priced at the demo list price with a deterministic
 * daily wobble, plus the cur_period rows an ingest leaves. 90 days × 3 accounts × 10 models ≈ 5,400 rows — the shape a real store has.
 */
export async function seedCostRows(db: Db, opts: { lastDay: string; days: number }): Promise<number> {
  const rows: Insertable<CostDailyTable>[] = [];
  for (let d = opts.days - 1; d >= 0; d--) {
    const day = addDays(opts.lastDay, -d);
    for (const [ai, acct] of DEMO_ACCOUNTS.entries()) {
      const region = acct.regions[0];
      const principal = DEMO_PRINCIPALS.find((p) => p.account === acct.id)?.arn ?? null;
      for (const [mi, m] of DEMO_MODELS.entries()) {
        const wobble = 1 + 0.2 * Math.sin(d * 0.7 + ai * 1.3 + mi);
        const input = Math.round((m.dailyInputTokens / DEMO_ACCOUNTS.length) * wobble);
        const output = Math.round(input * m.outputRatio);
        for (const [tokenType, tokens, perM] of [
          ["input", input, m.price.input],
          ["output", output, m.price.output],
        ] as const) {
          rows.push({
            period: day.slice(0, 7),
            day,
            payer_account: "999999999999",
            account: acct.id,
            account_name: acct.name,
            region,
            model: m.model,
            model_id: m.modelId,
            token_type: tokenType,
            cache_ttl: null,
            pricing_model: "on_demand",
            route: "regional",
            principal,
            resource_id: null,
            tags: "{}",
            usage_type: `${REGION_CODES[region] ?? "USE1"}-${m.billingName}-${tokenType}-tokens`,
            product_code: "AmazonBedrock",
            tokens,
            usage_amount: tokens / 1000,
            unit: "1K tokens",
            cost_usd: (tokens / 1e6) * perM,
            list_cost_usd: (tokens / 1e6) * perM,
            ingest_id: 1,
          });
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("cost_daily")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  // One ingested CUR period per month, refreshed the morning after its last day, so the whole
  // range counts as billed (billedThrough = lastDay).
  const lastDayOf = new Map<string, string>();
  for (const r of rows) if (r.day > (lastDayOf.get(r.period) ?? "")) lastDayOf.set(r.period, r.day);
  for (const [period, last] of lastDayOf) {
    const refreshedAt = `${addDays(last, 1)}T06:00:00.000Z`;
    await db
      .insertInto("cur_period")
      .values({
        period,
        source: "seed",
        fingerprint: `seed-${period}`,
        ingest_id: 1,
        last_usage_day: last,
        refreshed_at: refreshedAt,
        has_iam_principal: 1,
        ingested_at: refreshedAt,
      })
      .execute();
  }
  return rows.length;
}
