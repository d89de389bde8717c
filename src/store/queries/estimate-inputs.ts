import { sql } from "kysely";
import type { LogDay, MetricDay, ProvisionedCharge } from "../../domain/facts.js";
import { type ModelIdContext, resolveModelId } from "../../domain/models/model-id.js";
import { addDays } from "../../util/dates.js";
import type { Db } from "../db.js";
import { engineOf } from "../dialect/engine.js";

/** Reads what the estimate needs, summed to days in SQL (only day-level rows cross into JS). */

const dayEnd = (to: string) => `${addDays(to, 1)}T00`;

export async function readMetricDays(db: Db, from: string, to: string): Promise<MetricDay[]> {
  const rows = await db
    .selectFrom("metric_hourly")
    .select((eb) => [
      "account",
      "region",
      "model_id",
      sql<string>`substr(hour, 1, 10)`.as("day"),
      eb.fn.sum<number>("input_tokens").as("input"),
      eb.fn.sum<number>("output_tokens").as("output"),
      eb.fn.sum<number>("cache_read_tokens").as("cacheRead"),
      eb.fn.sum<number>("cache_write_tokens").as("cacheWrite"),
    ])
    .where("hour", ">=", from)
    .where("hour", "<", dayEnd(to))
    .groupBy(["account", "region", "model_id", sql`substr(hour, 1, 10)`])
    .execute();
  return rows.map((r) => ({ ...r, modelId: r.model_id }));
}

export async function readLogDays(db: Db, from: string, to: string): Promise<LogDay[]> {
  const rows = await db
    .selectFrom("invocation_log")
    .select((eb) => [
      "account",
      "region",
      "model_id",
      "principal",
      "request_metadata",
      sql<string>`substr(ts, 1, 10)`.as("day"),
      eb.fn.sum<number>("input_tokens").as("input"),
      eb.fn.sum<number>("output_tokens").as("output"),
      eb.fn.sum<number>("cache_read_tokens").as("cacheRead"),
      eb.fn.sum<number>("cache_write_tokens").as("cacheWrite"),
    ])
    .where("ts", ">=", from)
    .where("ts", "<", dayEnd(to))
    .where("model_id", "is not", null)
    .groupBy(["account", "region", "model_id", "principal", "request_metadata", sql`substr(ts, 1, 10)`])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    account: r.account,
    region: r.region,
    modelId: r.model_id!,
    principal: r.principal,
    requestMetadata: parseMetadata(r.request_metadata),
    input: r.input,
    output: r.output,
    cacheRead: r.cacheRead,
    cacheWrite: r.cacheWrite,
  }));
}

function parseMetadata(json: string): Record<string, string> {
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string")) as Record<
      string,
      string
    >;
  } catch {
    return {};
  }
}

/** Inventory → model-id resolution context (names, PT → model, application profiles → models). */
export async function readModelIdContext(db: Db): Promise<ModelIdContext> {
  const models = await db.selectFrom("foundation_model").select(["model_id", "model_name"]).execute();
  const pts = await db
    .selectFrom("provisioned_throughput")
    .select(["arn", "foundation_model_arn", "model_arn"])
    .execute();
  const profiles = await db
    .selectFrom("inference_profile")
    .select(["arn", "models"])
    .where("type", "=", "APPLICATION")
    .execute();
  return {
    names: new Map(models.map((m) => [m.model_id, m.model_name])),
    provisioned: new Map(
      pts.flatMap((p) => {
        const target = p.foundation_model_arn ?? p.model_arn;
        return target ? [[p.arn, target] as const] : [];
      }),
    ),
    applicationProfiles: new Map(profiles.map((p) => [p.arn, JSON.parse(p.models) as string[]])),
  };
}

/** Provisioned-model ARN → USD per model-unit-hour on the newest CUR day that billed it. */
export async function readBilledPtRates(db: Db): Promise<Map<string, number>> {
  const billed = await db
    .selectFrom("cost_daily")
    .select((eb) => [
      "resource_id",
      "day",
      eb.fn.sum<number>("cost_usd").as("cost"),
      eb.fn.sum<number>("usage_amount").as("usage"),
    ])
    .where("pricing_model", "=", "provisioned")
    .where("resource_id", "is not", null)
    .groupBy(["resource_id", "day"])
    .orderBy("day", "desc")
    .execute();
  const rate = new Map<string, number>();
  // CUR PT lines are model-unit-hours (`…-ProvisionedThroughput-…-ModelUnits`): cost / usage = hourly rate.
  for (const b of billed)
    if (!rate.has(b.resource_id!) && b.usage > 0) rate.set(b.resource_id!, b.cost / b.usage);
  return rate;
}

/** Provisioned throughputs that bill now, with the USD per model-unit-hour the CUR last billed. */
export async function readProvisionedCharges(db: Db, ctx: ModelIdContext): Promise<ProvisionedCharge[]> {
  const pts = await db
    .selectFrom("provisioned_throughput")
    .selectAll()
    .where("status", "in", ["InService", "Updating"])
    .execute();
  const rate = await readBilledPtRates(db);
  return pts.map((p) => {
    const info = resolveModelId(p.arn, ctx);
    return {
      arn: p.arn,
      account: p.account,
      region: p.region,
      model: info.model,
      modelId: info.baseModelId,
      modelUnits: p.model_units ?? 1,
      createdAt: p.creation_time,
      usdPerUnitHour: rate.get(p.arn) ?? null,
    };
  });
}

/** Principal ARN → its `iamPrincipal/<k>` tags from the newest CUR line of that principal. */
export async function readPrincipalTags(db: Db): Promise<Map<string, Record<string, string>>> {
  const base = db.selectFrom("cost_daily").where("principal", "is not", null);
  // SQLite takes the bare columns from the row of max(day) (one pass over the principal index);
  // PostgreSQL says the same with DISTINCT ON.
  const rows =
    engineOf(db) === "postgres"
      ? await base
          .distinctOn("principal")
          .select(["principal", "tags", "day"])
          .orderBy("principal")
          .orderBy("day", "desc")
          .execute()
      : await base
          .select(["principal", "tags", sql<string>`max(day)`.as("day")])
          .groupBy("principal")
          .execute();
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const tags = JSON.parse(r.tags) as Record<string, string>;
    const own = Object.entries(tags).filter(([k]) => k.startsWith("iamPrincipal/"));
    if (own.length) out.set(r.principal!, Object.fromEntries(own));
  }
  return out;
}

/** Account id → name, from the config first and the CUR otherwise. */
export async function readAccountNames(
  db: Db,
  configured: { id: string; name?: string }[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("cost_daily")
    .select(["account", "account_name"])
    .where("account_name", "is not", null)
    .groupBy(["account", "account_name"])
    .execute();
  const out = new Map(rows.map((r) => [r.account, r.account_name!]));
  for (const a of configured) if (a.name) out.set(a.id, a.name);
  return out;
}
