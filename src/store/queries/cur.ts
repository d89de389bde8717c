import type { Insertable, Selectable, Updateable } from "kysely";
import { type BulkSession, bulkTransaction, type CodedRows } from "../bulk.js";
import type { Db } from "../db.js";
import { analyzeAfterBulk, vacuumAfterBulk } from "../dialect/fragments.js";
import type { CostAdjustmentTable, CostDailyTable, CurPeriodTable, IngestLogTable } from "../schema.js";
import { daysWithRows, replaceRollupDays } from "./spend-rollup-write.js";

/** CUR periods in the store: each period is replaced whole, in one transaction (docs/architecture.md §3). */

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

/** The cost row columns a bulk writer supplies, in this order (`period`, `ingest_id` are set here). */
export const COST_ROW_COLUMNS = [
  "day",
  "payer_account",
  "account",
  "account_name",
  "region",
  "model",
  "model_id",
  "token_type",
  "cache_ttl",
  "pricing_model",
  "route",
  "principal",
  "resource_id",
  "tags",
  "usage_type",
  "product_code",
  "tokens",
  "usage_amount",
  "unit",
  "cost_usd",
  "list_cost_usd",
] as const satisfies readonly (keyof CostDailyInsert)[];

const ADJ_COLUMNS = ["day", "account", "kind", "line_item_type", "model", "amount_usd"] as const;

export interface PeriodReplacement {
  period: Omit<Selectable<CurPeriodTable>, "ingest_id">;
  ingestId: number;
  /**
   * The period's cost rows over COST_ROW_COLUMNS, chunk by chunk: per row, one code per dictionary,
   * then the columns no dictionary covers, in COST_ROW_COLUMNS order (no dictionaries: flat rows).
   */
  cost: CodedRows;
  /** How many cost rows `cost` yields (decides whether indexes are rebuilt or maintained). */
  costRows: number;
  adjustments: CostAdjustmentInsert[];
  /** The billed rollup of exactly these rows (ROLLUP_ROW_COLUMNS order) and the days it covers. */
  rollup: { days: string[]; rows: AsyncIterable<unknown[]> };
  log: Updateable<IngestLogTable>;
}

/**
 * Maintaining cost_daily's five indexes row by row costs several times more than building them
 * sorted; a rebuild costs in proportion to the whole table. Rebuild when the period is at least
 * a quarter of what the table will hold.
 */
const REBUILD_BELOW = 3;

/**
 * From this many cost rows (~25 MB of pages with their indexes) a period is a large write: SQLite
 * then skips the WAL when it can (BulkOptions.large). Smaller ones keep the WAL, whose commit is
 * cheaper than leaving and re-entering WAL mode.
 */
const LARGE_WRITE_ROWS = 50_000;

/**
 * Deletes the period's rows, inserts the new ones with their rollup, upserts `cur_period` and
 * closes the ingest log entry, all or nothing: a failure half-way (bad input stream included)
 * leaves the previous delivery in place. The rollup triggers are suspended: the period's days are
 * rolled up from the caller's rows, and only days another period also covers are left dirty.
 */
export async function replaceCurPeriod(db: Db, r: PeriodReplacement): Promise<void> {
  await bulkTransaction(db, (s) => writePeriod(s, r), { large: r.costRows >= LARGE_WRITE_ROWS });
  if (r.rollup.days.length >= 28) await vacuumAfterBulk(db, ["spend_rollup"]);
}

async function writePeriod(s: BulkSession, r: PeriodReplacement): Promise<void> {
  const period = r.period.period;
  const oldDays = await s.column<string>("SELECT DISTINCT day FROM cost_daily WHERE period = ?", [period]);
  const restoreTriggers = await s.suspend("cost_daily", "trigger");
  await s.run("DELETE FROM cost_daily WHERE period = ?", [period]);
  await s.run("DELETE FROM cost_adjustment WHERE period = ?", [period]);
  const days = [...new Set([...oldDays, ...r.rollup.days])];
  const shared = await daysWithRows(s, "cost_daily", days);
  const [kept] = await s.column<number>("SELECT count(*) FROM cost_daily");
  const restoreIndexes =
    (kept ?? 0) < REBUILD_BELOW * r.costRows ? await s.suspend("cost_daily", "index") : null;
  const constants = { period, ingest_id: r.ingestId };
  const cost = s.insertCoded("cost_daily", COST_ROW_COLUMNS, r.cost.dictionaries, { constants });
  for await (const chunk of r.cost.rows) await cost.add(chunk);
  await cost.flush();
  if (cost.rows !== r.costRows) throw new Error(`cost rows: expected ${r.costRows}, got ${cost.rows}`);
  await restoreIndexes?.();
  await restoreTriggers();
  const adj = s.insert("cost_adjustment", ADJ_COLUMNS, { constants });
  for (const a of r.adjustments) await adj.add(ADJ_COLUMNS.map((c) => a[c] ?? null));
  await adj.flush();
  await replaceRollupDays(s, "billed", days, shared, r.rollup.rows);
  const row = { ...r.period, ingest_id: r.ingestId };
  await s.conn
    .insertInto("cur_period")
    .values(row)
    .onConflict((oc) => oc.column("period").doUpdateSet(row))
    .execute();
  await s.conn.updateTable("ingest_log").set(r.log).where("id", "=", r.ingestId).execute();
  if (restoreIndexes) await analyzeAfterBulk(s.conn, ["cost_daily"]);
}
