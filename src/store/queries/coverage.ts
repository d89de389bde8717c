import { sql } from "kysely";
import type { FailingUnit, MetricSpan, MetricWatermark } from "../../domain/facts.js";
import type { Db } from "../db.js";
import { latestCollectionRuns } from "./collection-run.js";

/**
 * What data exists, per account/region and source: which hours of metrics the store holds, how far
 * the collector read, and which collection units are failing. Anomaly detection reads these to
 * tell "no data" from "$0" (analyze/anomaly/coverage.ts).
 */

/**
 * First and last metric hour of one account/region from `fromHour` on (the primary key's
 * account/region prefix bounds the scan); null when it has none.
 */
export async function readMetricSpan(
  db: Db,
  account: string,
  region: string,
  fromHour: string,
): Promise<MetricSpan | null> {
  const row = await db
    .selectFrom("metric_hourly")
    .select((eb) => [eb.fn.min("hour").as("firstHour"), eb.fn.max("hour").as("lastHour")])
    .where("account", "=", account)
    .where("region", "=", region)
    .where("hour", ">=", fromHour)
    .where(sql<boolean>`input_tokens + output_tokens + cache_read_tokens + cache_write_tokens > 0`)
    .executeTakeFirst();
  return row?.firstHour && row.lastHour
    ? { account, region, firstHour: row.firstHour, lastHour: row.lastHour }
    : null;
}

/** The newest metric hour the store holds (null: none). */
export async function readLastMetricHour(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom("metric_hourly")
    .select((eb) => eb.fn.max("hour").as("last"))
    .executeTakeFirst();
  return row?.last ?? null;
}

/** The first metric hour the store holds at all (null: none). */
export async function readFirstMetricHour(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom("metric_hourly")
    .select((eb) => eb.fn.min("hour").as("first"))
    .executeTakeFirst();
  return row?.first ?? null;
}

export async function readMetricWatermarks(db: Db): Promise<MetricWatermark[]> {
  return db.selectFrom("metric_watermark").select(["account", "region", "last_hour as lastHour"]).execute();
}

/** Units whose newest run failed, with the start of the failing streak (after the last ok run). */
export async function readFailingUnits(db: Db): Promise<FailingUnit[]> {
  const failing = (await latestCollectionRuns(db)).filter((r) => r.status === "failed");
  const out: FailingUnit[] = [];
  for (const r of failing) {
    const same = db
      .selectFrom("collection_run")
      .where("source", "=", r.source)
      .where(sql<boolean>`account IS NOT DISTINCT FROM ${r.account}`)
      .where(sql<boolean>`region IS NOT DISTINCT FROM ${r.region}`);
    const lastOk = await same
      .select((eb) => eb.fn.max("id").as("id"))
      .where("status", "=", "ok")
      .executeTakeFirst();
    const streak = await same
      .select((eb) => [eb.fn.min("started_at").as("since"), eb.fn.countAll<number>().as("n")])
      .where("status", "=", "failed")
      .where("id", ">", lastOk?.id ?? 0)
      .executeTakeFirst();
    out.push({
      source: r.source,
      account: r.account,
      region: r.region,
      errorName: r.error_name,
      error: r.error,
      fix: r.fix,
      since: streak?.since ?? r.started_at,
      failures: Number(streak?.n ?? 1),
    });
  }
  return out;
}
