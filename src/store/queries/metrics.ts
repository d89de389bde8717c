import type { Insertable, Kysely } from "kysely";
import { bulkTransaction } from "../bulk.js";
import type { Db } from "../db.js";
import type { Database } from "../schema.js";
import type { MetricHourlyTable } from "../schema-collect.js";

export type MetricHourRow = Insertable<MetricHourlyTable>;

const KEY = ["account", "region", "model_id", "hour"] as const;
const VALUES = [
  "invocations",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "latency_avg_ms",
  "throttles",
  "client_errors",
  "server_errors",
] as const;
const COLUMNS = [...KEY, ...VALUES];
/** The column defaults (migration 0003) for values a row leaves out. */
const defaultOf = (c: string) => (c === "latency_avg_ms" ? null : 0);

/** Re-collecting an hour replaces it: upserts target the hour's key, never duplicate it. */
const UPSERT = `ON CONFLICT (${KEY.join(", ")}) DO UPDATE SET ${VALUES.map((c) => `${c} = excluded.${c}`).join(", ")}`;

export interface MetricWatermark {
  account: string;
  region: string;
  lastHour: string;
  at: string;
}

/**
 * Upserts hours through one prepared multi-row statement and, when given, moves the watermark in
 * the same transaction: a failed or interrupted run leaves the previous state.
 */
export async function writeMetricHours(
  db: Db,
  rows: MetricHourRow[],
  watermark?: MetricWatermark,
): Promise<void> {
  // One row per hour key, the last one winning as sequential upserts would: PostgreSQL refuses a
  // statement that updates the same row twice.
  const byKey = new Map(rows.map((r) => [KEY.map((k) => r[k]).join("\u0000"), r]));
  await bulkTransaction(db, async (s) => {
    const ins = s.insert("metric_hourly", COLUMNS, { suffix: UPSERT });
    for (const r of byKey.values())
      await ins.add(COLUMNS.map((c) => (r[c] === undefined ? defaultOf(c) : r[c])));
    await ins.flush();
    if (watermark) await setMetricWatermark(s.conn, watermark);
  });
}

export function upsertMetricHours(db: Db, rows: MetricHourRow[]): Promise<void> {
  return writeMetricHours(db, rows);
}

export async function getMetricWatermark(
  db: Kysely<Database>,
  account: string,
  region: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("metric_watermark")
    .select("last_hour")
    .where("account", "=", account)
    .where("region", "=", region)
    .executeTakeFirst();
  return row?.last_hour ?? null;
}

export async function setMetricWatermark(db: Kysely<Database>, w: MetricWatermark): Promise<void> {
  await db
    .insertInto("metric_watermark")
    .values({ account: w.account, region: w.region, last_hour: w.lastHour, updated_at: w.at })
    .onConflict((oc) =>
      oc.columns(["account", "region"]).doUpdateSet({ last_hour: w.lastHour, updated_at: w.at }),
    )
    .execute();
}
