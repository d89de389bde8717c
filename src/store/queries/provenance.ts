import type { CurPeriodCoverage } from "../../domain/billed-through.js";
import type { Db } from "../db.js";

/** What each ingested CUR period covers (input of analyze/billed-through). */
export async function readCurCoverage(db: Db): Promise<CurPeriodCoverage[]> {
  const rows = await db.selectFrom("cur_period").select(["last_usage_day", "refreshed_at"]).execute();
  return rows.map((r) => ({ lastUsageDay: r.last_usage_day, refreshedAt: r.refreshed_at }));
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
