import type { Insertable } from "kysely";
import { estimateSpend } from "../src/analyze/estimate.js";
import type { LogDay } from "../src/domain/facts.js";
import { bundledPriceRows } from "../src/prices/bundled.js";
import { buildPriceBook } from "../src/prices/lookup.js";
import type { Db } from "../src/store/db.js";
import { readModelIdContext } from "../src/store/queries/estimate-inputs.js";
import type { CostDailyTable } from "../src/store/schema.js";
import { addDays } from "../src/util/dates.js";
import type { OrgStore } from "./anomaly-eval-store.js";

/**
 * The CUR of a synthetic organization: every account (the bill needs no CloudWatch) with every
 * principal, priced through the same path as the estimate, through `billedThrough`.
 */

const CHUNK = 500;
const tokens = (t: { input: number; output: number }) => ({
  input: t.input,
  output: t.output,
  cacheRead: 0,
  cacheWrite: 0,
});

export async function insertBill(db: Db, o: OrgStore) {
  const logs: LogDay[] = o.traffic
    .filter((t) => t.hour.slice(0, 10) <= o.billedThrough)
    .map((t) => ({
      day: t.hour.slice(0, 10),
      account: t.account,
      region: t.region,
      modelId: t.modelId,
      principal: t.principal,
      requestMetadata: {},
      ...tokens(t),
    }));
  const out = estimateSpend({
    from: o.firstDay,
    to: o.billedThrough,
    now: new Date(o.now),
    metrics: logs.map(({ principal: _p, requestMetadata: _m, ...m }) => m),
    logs,
    provisioned: [],
    prices: buildPriceBook(bundledPriceRows()),
    modelIds: await readModelIdContext(db),
    accountNames: new Map(o.accounts.map((a) => [a.id, a.name])),
    principalTags: new Map(),
  });
  const rows: Insertable<CostDailyTable>[] = out.rows.map(({ source: _s, ...r }) => ({
    ...r,
    period: r.day.slice(0, 7),
    payer_account: "999999999999",
    usage_type: "eval",
    product_code: "AmazonBedrock",
    usage_amount: r.tokens,
    unit: "Units",
    cost_usd: r.cost_usd ?? 0,
    list_cost_usd: r.cost_usd,
    ingest_id: 1,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("cost_daily")
      .values(rows.slice(i, i + CHUNK))
      .execute();
  // The period of the first estimated day, refreshed on that day: billed through the day before.
  const lastUsage = addDays(o.billedThrough, 1);
  const lastDay = new Map<string, string>([[lastUsage.slice(0, 7), lastUsage]]);
  for (const r of rows) if (r.day > (lastDay.get(r.period) ?? "")) lastDay.set(r.period, r.day);
  for (const [period, last] of lastDay)
    await db
      .insertInto("cur_period")
      .values({
        period,
        source: "eval",
        fingerprint: `eval-${period}`,
        ingest_id: 1,
        last_usage_day: last,
        refreshed_at: `${lastUsage}T08:00:00Z`,
        has_iam_principal: 1,
        ingested_at: `${lastUsage}T08:00:00Z`,
      })
      .execute();
}
