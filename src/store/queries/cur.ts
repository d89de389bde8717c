import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../db.js";
import type { CostAdjustmentTable, CostDailyTable, CurPeriodTable, IngestLogTable } from "../schema.js";

/** CUR periods in the store: each period is replaced whole, in one transaction (DESIGN §3). */

export type CostDailyInsert = Omit<Insertable<CostDailyTable>, "ingest_id">;
export type CostAdjustmentInsert = Omit<Insertable<CostAdjustmentTable>, "ingest_id">;

export function getCurPeriod(db: Db, period: string): Promise<Selectable<CurPeriodTable> | undefined> {
  return db.selectFrom("cur_period").selectAll().where("period", "=", period).executeTakeFirst();
}

export function listCurPeriods(db: Db): Promise<Selectable<CurPeriodTable>[]> {
  return db.selectFrom("cur_period").selectAll().orderBy("period").execute();
}

export async function startIngestLog(
  db: Db,
  row: Pick<Insertable<IngestLogTable>, "source" | "period" | "files" | "started_at">,
): Promise<number> {
  const r = await db
    .insertInto("ingest_log")
    .values({
      ...row,
      status: "running",
      rows_read: 0,
      bedrock_rows: 0,
      skipped_rows: 0,
      cost_usd: 0,
      warnings: "[]",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishIngestLog(db: Db, id: number, patch: Updateable<IngestLogTable>): Promise<void> {
  await db.updateTable("ingest_log").set(patch).where("id", "=", id).execute();
}

/** SQLite allows 32,766 bound variables per statement; 24 columns × 800 rows stays well below. */
const BATCH = 800;

export interface PeriodReplacement {
  period: Omit<Selectable<CurPeriodTable>, "ingest_id">;
  ingestId: number;
  cost: CostDailyInsert[];
  adjustments: CostAdjustmentInsert[];
  log: Updateable<IngestLogTable>;
}

/**
 * Deletes the period's rows, inserts the new ones, upserts `cur_period` and closes the ingest log
 * entry, all or nothing: a failure half-way leaves the previous delivery in place.
 */
export async function replaceCurPeriod(db: Db, r: PeriodReplacement): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const period = r.period.period;
    await trx.deleteFrom("cost_daily").where("period", "=", period).execute();
    await trx.deleteFrom("cost_adjustment").where("period", "=", period).execute();
    for (let i = 0; i < r.cost.length; i += BATCH) {
      const batch = r.cost.slice(i, i + BATCH).map((c) => ({ ...c, ingest_id: r.ingestId }));
      await trx.insertInto("cost_daily").values(batch).execute();
    }
    for (let i = 0; i < r.adjustments.length; i += BATCH) {
      const batch = r.adjustments.slice(i, i + BATCH).map((a) => ({ ...a, ingest_id: r.ingestId }));
      await trx.insertInto("cost_adjustment").values(batch).execute();
    }
    const row = { ...r.period, ingest_id: r.ingestId };
    await trx
      .insertInto("cur_period")
      .values(row)
      .onConflict((oc) => oc.column("period").doUpdateSet(row))
      .execute();
    await trx.updateTable("ingest_log").set(r.log).where("id", "=", r.ingestId).execute();
  });
}
