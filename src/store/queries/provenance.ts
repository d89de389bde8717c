import { sql } from "kysely";
import type { CurPeriodCoverage } from "../../domain/billed-through.js";
import type { Db } from "../db.js";

/** What each ingested CUR period covers (input of analyze/billed-through). */
export async function readCurCoverage(db: Db): Promise<CurPeriodCoverage[]> {
  const rows = await db.selectFrom("cur_period").select(["last_usage_day", "refreshed_at"]).execute();
  return rows.map((r) => ({ lastUsageDay: r.last_usage_day, refreshedAt: r.refreshed_at }));
}

/**
 * The last day up to `to` whose cost is known (null: none): covered by the CUR (`billedThrough`),
 * holding cost rows, or read by the metrics collector (a day it read without tokens cost $0).
 * Days after it are not $0 but not known yet: the CUR lags a day or more, and estimates need
 * collected metrics. One index seek per table, like readDayExtent.
 */
export async function lastKnownCostDay(
  db: Db,
  to: string,
  billedThrough: string | null,
): Promise<string | null> {
  const { rows } = await sql<{ b: string | null; e: string | null; m: string | null }>`
    SELECT (SELECT MAX(day) FROM cost_daily WHERE day <= ${to}) AS b,
           (SELECT MAX(day) FROM cost_estimate_daily WHERE day <= ${to}) AS e,
           (SELECT substr(MAX(last_hour), 1, 10) FROM metric_watermark) AS m`.execute(db);
  const r = rows[0];
  const days = [billedThrough, r?.b, r?.e, r?.m].filter((d): d is string => typeof d === "string").sort();
  const last = days.at(-1) ?? null;
  return last !== null && last > to ? to : last;
}

/** ISO instant of the newest successful collection or ingest (`ingest_log`), null when none. */
export async function lastCollectedAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom("ingest_log")
    .select((eb) => eb.fn.max("finished_at").as("at"))
    .where("status", "=", "ok")
    .executeTakeFirst();
  return row?.at ?? null;
}
