import type { Insertable, Kysely } from "kysely";
import type { Database } from "../schema.js";
import type {
  FoundationModelTable,
  InferenceProfileTable,
  LoggingConfigTable,
  ProvisionedThroughputTable,
} from "../schema-collect.js";

export interface InventorySnapshot {
  provisioned: Insertable<ProvisionedThroughputTable>[];
  profiles: Insertable<InferenceProfileTable>[];
  logging: Insertable<LoggingConfigTable> | null;
}

/** Models are regional facts, shared by accounts: upsert (a model missing from a listing stays). */
export async function upsertFoundationModels(
  db: Kysely<Database>,
  rows: Insertable<FoundationModelTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("foundation_model")
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(["region", "model_id"]).doUpdateSet((eb) => ({
          model_name: eb.ref("excluded.model_name"),
          provider: eb.ref("excluded.provider"),
          status: eb.ref("excluded.status"),
          legacy_time: eb.ref("excluded.legacy_time"),
          public_extended_access_time: eb.ref("excluded.public_extended_access_time"),
          end_of_life_time: eb.ref("excluded.end_of_life_time"),
          start_of_life_time: eb.ref("excluded.start_of_life_time"),
          inference_types: eb.ref("excluded.inference_types"),
          fetched_at: eb.ref("excluded.fetched_at"),
        })),
      )
      .execute();
  }
}

/** PT, profiles and logging config of one account × region are replaced as a whole (deleted ones vanish). */
export async function replaceAccountInventory(
  db: Kysely<Database>,
  account: string,
  region: string,
  snap: InventorySnapshot,
): Promise<void> {
  for (const table of ["provisioned_throughput", "inference_profile", "logging_config"] as const) {
    await db.deleteFrom(table).where("account", "=", account).where("region", "=", region).execute();
  }
  if (snap.provisioned.length)
    await db.insertInto("provisioned_throughput").values(snap.provisioned).execute();
  for (let i = 0; i < snap.profiles.length; i += 200)
    await db
      .insertInto("inference_profile")
      .values(snap.profiles.slice(i, i + 200))
      .execute();
  if (snap.logging) await db.insertInto("logging_config").values(snap.logging).execute();
}
