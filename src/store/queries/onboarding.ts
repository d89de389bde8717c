import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.js";
import type { CollectSource } from "../schema-collect.js";
import { tagPath } from "./spend-parts.js";

/** Store reads behind onboarding_status: billed regions and models, metric tokens, CUR and runs. */

export interface AccountRegionCost {
  account: string;
  region: string;
  costUsd: number;
}

/** Bedrock usage cost per account × region since `fromDay` (CUR, Usage lines only). */
export async function costByAccountRegion(
  db: Kysely<Database>,
  fromDay: string,
): Promise<AccountRegionCost[]> {
  const rows = await db
    .selectFrom("cost_daily")
    .select(["account", "region", (eb) => eb.fn.sum<number>("cost_usd").as("cost")])
    .where("day", ">=", fromDay)
    .where("region", "is not", null)
    .groupBy(["account", "region"])
    .execute();
  return rows
    .filter((r) => Number(r.cost) > 0)
    .map((r) => ({ account: r.account, region: r.region as string, costUsd: Number(r.cost) }));
}

/**
 * Models billed per token (on demand and service tiers) per account × region. Batch jobs and
 * provisioned throughput are left out: they publish no per-ModelId token metrics to compare with.
 */
export async function tokenBilledModels(
  db: Kysely<Database>,
  fromDay: string,
): Promise<{ account: string; region: string; model: string }[]> {
  const rows = await db
    .selectFrom("cost_daily")
    .select(["account", "region", "model"])
    .distinct()
    .where("day", ">=", fromDay)
    .where("region", "is not", null)
    .where("token_type", "!=", "none")
    .where("pricing_model", "not in", ["batch", "provisioned"])
    .where("cost_usd", ">", 0)
    .execute();
  return rows.map((r) => ({ account: r.account, region: r.region as string, model: r.model }));
}

/** Tokens per raw ModelId per account × region since `fromHour` (CloudWatch, collected). */
export async function metricTokensByModelId(
  db: Kysely<Database>,
  fromHour: string,
): Promise<{ account: string; region: string; modelId: string; tokens: number }[]> {
  const rows = await db
    .selectFrom("metric_hourly")
    .select([
      "account",
      "region",
      "model_id",
      sql<number>`sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens)`.as("tokens"),
    ])
    .where("hour", ">=", fromHour)
    .groupBy(["account", "region", "model_id"])
    .execute();
  return rows.map((r) => ({
    account: r.account,
    region: r.region,
    modelId: r.model_id,
    tokens: Number(r.tokens),
  }));
}

export async function newestCurPeriod(db: Kysely<Database>) {
  return db.selectFrom("cur_period").selectAll().orderBy("period", "desc").limit(1).executeTakeFirst();
}

/** Share (0-1) of Bedrock cost since `fromDay` carrying at least one tag; null when nothing is billed. */
export async function taggedCostShare(db: Kysely<Database>, fromDay: string): Promise<number | null> {
  const r = await db
    .selectFrom("cost_daily")
    .select([
      (eb) => eb.fn.sum<number>("cost_usd").as("total"),
      sql<number>`sum(case when tags not in ('', '{}') then cost_usd else 0 end)`.as("tagged"),
    ])
    .where("day", ">=", fromDay)
    .executeTakeFirst();
  const total = Number(r?.total ?? 0);
  return total > 0 ? Number(r?.tagged ?? 0) / total : null;
}

/** Whether any billed row since `fromDay` carries the tag key. */
export async function hasTagKey(db: Kysely<Database>, fromDay: string, key: string): Promise<boolean> {
  const r = await db
    .selectFrom("cost_daily")
    .select("id")
    .where("day", ">=", fromDay)
    .where(sql<boolean>`json_extract(tags, ${tagPath(key)}) is not null`)
    .limit(1)
    .executeTakeFirst();
  return Boolean(r);
}

/** Newest successful finish per source × account × region. */
export async function lastOkRuns(
  db: Kysely<Database>,
): Promise<{ source: CollectSource; account: string | null; region: string | null; at: string }[]> {
  const rows = await db
    .selectFrom("collection_run")
    .select(["source", "account", "region", (eb) => eb.fn.max("finished_at").as("at")])
    .where("status", "=", "ok")
    .groupBy(["source", "account", "region"])
    .execute();
  return rows.map((r) => ({ ...r, at: String(r.at) }));
}
