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

/** Billed (CUR) token lines of the window summed per account × model × principal × token type × TTL × tier × route × region. */
export async function readBilledUsageCells(
  db: Db,
  range: DayRange,
  filters?: SpendFilters,
): Promise<BilledUsageCell[]> {
  const base = db
    .selectFrom("cost_daily")
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where("token_type", "<>", "none");
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
      eb.fn.sum<number>("tokens").as("tokens"),
      eb.fn.sum<number>("cost_usd").as("cost"),
    ])
    .groupBy(["account", "region", "model", "principal", "token_type", "cache_ttl", "pricing_model", "route"])
    .execute();
  return rows.map((r) => ({
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
  }));
}

/**
 * Every provisioned throughput in the inventory with its billed cost and hours in the window
 * (CUR lines whose resource is its ARN) and the CloudWatch tokens on its ARN (ModelId dimension).
 */
export async function readPtServed(db: Db, range: DayRange, accounts?: string[]): Promise<PtServedFacts[]> {
  let q = db.selectFrom("provisioned_throughput").selectAll().where("status", "!=", "Failed");
  if (accounts?.length) q = q.where("account", "in", accounts);
  const pts = await q.execute();
  if (!pts.length) return [];
  const arns = pts.map((p) => p.arn);
  const billed = await db
    .selectFrom("cost_daily")
    .select((eb) => [
      "resource_id",
      eb.fn.sum<number>("cost_usd").as("cost"),
      eb.fn.sum<number>("usage_amount").as("usage"),
    ])
    .where("pricing_model", "=", "provisioned")
    .where("resource_id", "in", arns)
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .groupBy("resource_id")
    .execute();
  const served = await db
    .selectFrom("metric_hourly")
    .select((eb) => [
      "model_id",
      eb.fn.sum<number>("invocations").as("invocations"),
      eb.fn.sum<number>("input_tokens").as("input"),
      eb.fn.sum<number>("output_tokens").as("output"),
    ])
    .where("model_id", "in", arns)
    .where("hour", ">=", range.from)
    .where("hour", "<", `${addDays(range.to, 1)}T00`)
    .groupBy("model_id")
    .execute();
  const cost = new Map(billed.map((b) => [b.resource_id, b]));
  const tokens = new Map(served.map((s) => [s.model_id, s]));
  const ctx = await readModelIdContext(db);
  return pts.map((p) => {
    const b = cost.get(p.arn);
    const s = tokens.get(p.arn);
    const units = p.model_units ?? 1;
    return {
      arn: p.arn,
      name: p.name,
      accountId: p.account,
      region: p.region,
      model: resolveModelId(p.arn, ctx).model,
      modelUnits: units,
      commitment: p.commitment_duration,
      commitmentExpiresAt: p.commitment_expiration_time,
      costUsd: b ? Number(b.cost) : null,
      // CUR PT lines are model-unit-hours.
      billedHours: b ? Number(b.usage) / units : 0,
      invocations: Number(s?.invocations ?? 0),
      inputTokens: Number(s?.input ?? 0),
      outputTokens: Number(s?.output ?? 0),
    };
  });
}
