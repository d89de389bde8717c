import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../schema.js";
import type { CollectionRunTable, CollectSource } from "../schema-collect.js";

export type CollectionRunRow = Insertable<CollectionRunTable>;
export type CollectionRun = Selectable<CollectionRunTable>;

export async function insertCollectionRun(db: Kysely<Database>, row: CollectionRunRow): Promise<void> {
  await db.insertInto("collection_run").values(row).execute();
}

/** The newest unit per (source, account, region): what onboarding and health checks read. */
export async function latestCollectionRuns(
  db: Kysely<Database>,
  source?: CollectSource,
): Promise<CollectionRun[]> {
  let q = db
    .selectFrom("collection_run as c")
    .selectAll("c")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("collection_run as n")
            .select("n.id")
            .whereRef("n.source", "=", "c.source")
            .where((eb) =>
              eb(eb.fn.coalesce("n.account", eb.val("")), "=", eb.fn.coalesce("c.account", eb.val(""))),
            )
            .where((eb) =>
              eb(eb.fn.coalesce("n.region", eb.val("")), "=", eb.fn.coalesce("c.region", eb.val(""))),
            )
            .whereRef("n.id", ">", "c.id"),
        ),
      ),
    );
  if (source) q = q.where("c.source", "=", source);
  return q.orderBy("c.id").execute();
}

/** ISO instant of the last successful unit of a source (any account), or null. */
export async function lastSuccessAt(db: Kysely<Database>, source?: CollectSource): Promise<string | null> {
  let q = db
    .selectFrom("collection_run")
    .select((eb) => eb.fn.max("finished_at").as("at"))
    .where("status", "=", "ok");
  if (source) q = q.where("source", "=", source);
  const row = await q.executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}
