import { CompiledQuery, type Insertable, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Db } from "../db.js";
import type {
  CostAdjustmentTable,
  CostDailyTable,
  CurPeriodTable,
  Database,
  IngestLogTable,
} from "../schema.js";

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

/** SQLite allows 32,766 bound variables per statement; 25 columns × 1,000 rows stays below. */
const BATCH = 1000;

/**
 * Multi-row INSERT with a statement text built once per batch shape. Kysely's query builder
 * compiles an AST node per value (~1 s for 16k cost rows); this sends the same SQL through the
 * same Kysely connection/transaction in a few milliseconds.
 */
async function insertMany(
  db: Kysely<Database>,
  table: "cost_daily" | "cost_adjustment",
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params: unknown[] = [];
    for (const r of batch) for (const c of columns) params.push(r[c] ?? null);
    const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${batch.map(() => tuple).join(", ")}`;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Every column in a fixed order, so all rows of a batch share one statement shape. */
const COST_DEFAULTS: Omit<Required<CostDailyInsert>, "id"> = {
  period: "",
  day: "",
  payer_account: null,
  account: "",
  account_name: null,
  region: null,
  model: "",
  model_id: null,
  token_type: "none",
  cache_ttl: null,
  pricing_model: "on_demand",
  route: "regional",
  principal: null,
  resource_id: null,
  tags: "{}",
  usage_type: "",
  product_code: "",
  tokens: 0,
  usage_amount: 0,
  unit: null,
  cost_usd: 0,
  list_cost_usd: null,
};
const ADJ_DEFAULTS: Omit<Required<CostAdjustmentInsert>, "id"> = {
  period: "",
  day: "",
  account: "",
  kind: "credit",
  line_item_type: "",
  model: null,
  amount_usd: 0,
};

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
    await insertMany(
      trx,
      "cost_daily",
      r.cost.map((c) => ({ ...COST_DEFAULTS, ...c, ingest_id: r.ingestId })),
    );
    await insertMany(
      trx,
      "cost_adjustment",
      r.adjustments.map((a) => ({ ...ADJ_DEFAULTS, ...a, ingest_id: r.ingestId })),
    );
    const row = { ...r.period, ingest_id: r.ingestId };
    await trx
      .insertInto("cur_period")
      .values(row)
      .onConflict((oc) => oc.column("period").doUpdateSet(row))
      .execute();
    await trx.updateTable("ingest_log").set(r.log).where("id", "=", r.ingestId).execute();
  });
}
