import type { Insertable, Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { InvocationLogTable, LogWatermarkTable } from "../schema-collect.js";

export type InvocationLogRow = Insertable<InvocationLogTable>;

/** Records are immutable per requestId: a re-read object or overlapping window inserts nothing twice. */
export async function insertInvocationLogs(db: Kysely<Database>, rows: InvocationLogRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto("invocation_log")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column("request_id").doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function getLogWatermark(
  db: Kysely<Database>,
  account: string,
  region: string,
  source: LogWatermarkTable["source"],
): Promise<string | null> {
  const row = await db
    .selectFrom("log_watermark")
    .select("position")
    .where("account", "=", account)
    .where("region", "=", region)
    .where("source", "=", source)
    .executeTakeFirst();
  return row?.position ?? null;
}

export async function setLogWatermark(
  db: Kysely<Database>,
  w: { account: string; region: string; source: LogWatermarkTable["source"]; position: string; at: string },
): Promise<void> {
  await db
    .insertInto("log_watermark")
    .values({
      account: w.account,
      region: w.region,
      source: w.source,
      position: w.position,
      updated_at: w.at,
    })
    .onConflict((oc) =>
      oc.columns(["account", "region", "source"]).doUpdateSet({ position: w.position, updated_at: w.at }),
    )
    .execute();
}
