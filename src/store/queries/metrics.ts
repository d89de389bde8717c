import type { Insertable, Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { MetricHourlyTable } from "../schema-collect.js";

export type MetricHourRow = Insertable<MetricHourlyTable>;

/** SQLite caps bound parameters per statement; 13 columns × 500 rows stays well below it. */
const CHUNK = 500;

/** Inserts or replaces hours by (account, region, model_id, hour): re-collecting never duplicates. */
export async function upsertMetricHours(db: Kysely<Database>, rows: MetricHourRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto("metric_hourly")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["account", "region", "model_id", "hour"]).doUpdateSet((eb) => ({
          invocations: eb.ref("excluded.invocations"),
          input_tokens: eb.ref("excluded.input_tokens"),
          output_tokens: eb.ref("excluded.output_tokens"),
          cache_read_tokens: eb.ref("excluded.cache_read_tokens"),
          cache_write_tokens: eb.ref("excluded.cache_write_tokens"),
          latency_avg_ms: eb.ref("excluded.latency_avg_ms"),
          throttles: eb.ref("excluded.throttles"),
          client_errors: eb.ref("excluded.client_errors"),
          server_errors: eb.ref("excluded.server_errors"),
        })),
      )
      .execute();
  }
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

export async function setMetricWatermark(
  db: Kysely<Database>,
  w: { account: string; region: string; lastHour: string; at: string },
): Promise<void> {
  await db
    .insertInto("metric_watermark")
    .values({ account: w.account, region: w.region, last_hour: w.lastHour, updated_at: w.at })
    .onConflict((oc) =>
      oc.columns(["account", "region"]).doUpdateSet({ last_hour: w.lastHour, updated_at: w.at }),
    )
    .execute();
}
