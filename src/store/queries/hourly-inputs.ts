import { sql } from "kysely";
import type { TokenHour } from "../../domain/facts.js";
import type { Db } from "../db.js";

/**
 * What the hourly estimated series need: CloudWatch tokens per hour × account × region × raw
 * ModelId (already that grain in metric_hourly) and invocation-log tokens summed to the hour per
 * principal in SQL, so only hour-level rows cross into JS. Hours are `YYYY-MM-DDTHH:00Z`; both
 * ends inclusive.
 */

export async function readMetricHours(db: Db, fromHour: string, toHour: string): Promise<TokenHour[]> {
  return db
    .selectFrom("metric_hourly")
    .select([
      "hour",
      "account",
      "region",
      "model_id as modelId",
      "input_tokens as input",
      "output_tokens as output",
      "cache_read_tokens as cacheRead",
      "cache_write_tokens as cacheWrite",
    ])
    .where("hour", ">=", fromHour)
    .where("hour", "<=", toHour)
    .where(sql<boolean>`input_tokens + output_tokens + cache_read_tokens + cache_write_tokens > 0`)
    .execute();
}

/** Invocation-log tokens per hour × account × region × ModelId × principal (metadata only). */
export async function readLogHours(db: Db, fromHour: string, toHour: string): Promise<TokenHour[]> {
  const hour = sql<string>`substr(ts, 1, 13) || ':00Z'`;
  const rows = await db
    .selectFrom("invocation_log")
    .select((eb) => [
      hour.as("hour"),
      "account",
      "region",
      "model_id",
      "principal",
      eb.fn.sum<number>("input_tokens").as("input"),
      eb.fn.sum<number>("output_tokens").as("output"),
      eb.fn.sum<number>("cache_read_tokens").as("cacheRead"),
      eb.fn.sum<number>("cache_write_tokens").as("cacheWrite"),
    ])
    // ts is a full ISO instant: every instant of `toHour` sorts below `toHour` with minute 60.
    .where("ts", ">=", fromHour.slice(0, 13))
    .where("ts", "<", `${toHour.slice(0, 13)}:60`)
    .where("model_id", "is not", null)
    .where("principal", "is not", null)
    .groupBy(["account", "region", "model_id", "principal", hour])
    .execute();
  return rows.map((r) => ({
    hour: r.hour,
    account: r.account,
    region: r.region,
    modelId: r.model_id!,
    principal: r.principal,
    input: r.input,
    output: r.output,
    cacheRead: r.cacheRead,
    cacheWrite: r.cacheWrite,
  }));
}

/**
 * The last hour the metrics collector completed (newest watermark over accounts/regions), null
 * when nothing was collected by it (e.g. rows written by a test or an import).
 */
export async function readMetricsCollectedThrough(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom("metric_watermark")
    .select((eb) => eb.fn.max("last_hour").as("last"))
    .executeTakeFirst();
  return row?.last ?? null;
}
