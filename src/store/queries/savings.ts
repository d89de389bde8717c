import { sql } from "kysely";
import { resolveModelId } from "../../domain/models/model-id.js";
import type { BilledUsageCell, PtServedFacts } from "../../domain/savings.js";
import type { DayRange } from "../../domain/vocabulary.js";
import { addDays } from "../../util/dates.js";
import type { Db } from "../db.js";
import { readModelIdContext } from "./estimate-inputs.js";
import { applyFilters } from "./spend-parts.js";
import type { SpendFilters } from "./spend-types.js";

/** What savings opportunities read: billed token cells of a window, and what each provisioned throughput cost and served. */

/** Billed cost and model-unit hours of one provisioned throughput in a window. */
export interface PtBilled {
  costUsd: number;
  unitHours: number;
}

export interface BilledWindow {
  cells: BilledUsageCell[];
  /** Provisioned-model ARN → its billed lines in the window. */
  pts: Map<string, PtBilled>;
}

/**
 * One pass over the window's billed rows: token lines summed per account × model × principal ×
 * token type × TTL × tier × route × region, and provisioned-throughput lines per ARN.
 */
export async function readBilledWindow(
  db: Db,
  range: DayRange,
  filters?: SpendFilters,
): Promise<BilledWindow> {
  const base = db
    .selectFrom("cost_daily")
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where((eb) => eb.or([eb("token_type", "<>", "none"), eb("pricing_model", "=", "provisioned")]));
  const pt = sql<string | null>`case when pricing_model = 'provisioned' then resource_id end`;
  const rows = await applyFilters(base, filters)
    .select((eb) => [
      "account",
      sql<string | null>`max(account_name)`.as("account_name"),
      "region",
      "model",
      sql<string | null>`max(model_id)`.as("model_id"),
      "principal",
      "token_type",
      "cache_ttl",
      "pricing_model",
      "route",
      pt.as("pt_arn"),
      eb.fn.sum<number>("tokens").as("tokens"),
      eb.fn.sum<number>("cost_usd").as("cost"),
      eb.fn.sum<number>("usage_amount").as("usage"),
    ])
    .groupBy([
      "account",
      "region",
      "model",
      "principal",
      "token_type",
      "cache_ttl",
      "pricing_model",
      "route",
      pt,
    ])
    .execute();
  const cells: BilledUsageCell[] = [];
  const pts = new Map<string, PtBilled>();
  for (const r of rows) {
    if (r.token_type === "none") {
      if (!r.pt_arn) continue;
      const b = pts.get(r.pt_arn) ?? { costUsd: 0, unitHours: 0 };
      b.costUsd += Number(r.cost);
      // CUR provisioned-throughput lines are model-unit hours.
      b.unitHours += Number(r.usage);
      pts.set(r.pt_arn, b);
      continue;
    }
    cells.push({
      account: r.account,
      accountName: r.account_name,
      region: r.region,
      model: r.model,
      modelId: r.model_id,
      principal: r.principal,
      tokenType: r.token_type,
      cacheTtl: r.cache_ttl,
      pricingModel: r.pricing_model,
      route: r.route,
      tokens: Number(r.tokens),
      costUsd: Number(r.cost),
    });
  }
  return { cells, pts };
}

/** CloudWatch traffic on one provisioned-model ARN in the window (a primary-key range read). */
async function servedBy(db: Db, p: { account: string; region: string; arn: string }, range: DayRange) {
  return db
    .selectFrom("metric_hourly")
    .select((eb) => [
      eb.fn.sum<number>("invocations").as("invocations"),
      eb.fn.sum<number>("input_tokens").as("input"),
      eb.fn.sum<number>("output_tokens").as("output"),
      sql<number>`count(case when invocations >= 1 then 1 end)`.as("active"),
    ])
    .where("account", "=", p.account)
    .where("region", "=", p.region)
    .where("model_id", "=", p.arn)
    .where("hour", ">=", range.from)
    .where("hour", "<", `${addDays(range.to, 1)}T00`)
    .executeTakeFirst();
}

/** Every provisioned throughput of the inventory with its billed lines and CloudWatch traffic in the window. */
export async function readPtServed(
  db: Db,
  range: DayRange,
  billed: ReadonlyMap<string, PtBilled>,
): Promise<PtServedFacts[]> {
  const pts = await db
    .selectFrom("provisioned_throughput")
    .selectAll()
    .where("status", "!=", "Failed")
    .execute();
  if (!pts.length) return [];
  const ctx = await readModelIdContext(db);
  const out: PtServedFacts[] = [];
  for (const p of pts) {
    const b = billed.get(p.arn);
    const s = await servedBy(db, { account: p.account, region: p.region, arn: p.arn }, range);
    const units = p.model_units ?? 1;
    out.push({
      arn: p.arn,
      name: p.name,
      accountId: p.account,
      region: p.region,
      model: resolveModelId(p.arn, ctx).model,
      modelUnits: units,
      commitment: p.commitment_duration,
      commitmentExpiresAt: p.commitment_expiration_time,
      createdAt: p.creation_time,
      costUsd: b ? b.costUsd : null,
      billedHours: b ? b.unitHours / units : 0,
      usdPerUnitHour: b && b.unitHours > 0 ? b.costUsd / b.unitHours : null,
      activeHours: Number(s?.active ?? 0),
      invocations: Number(s?.invocations ?? 0),
      inputTokens: Number(s?.input ?? 0),
      outputTokens: Number(s?.output ?? 0),
    });
  }
  return out;
}
