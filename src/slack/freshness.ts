import type { Db } from "../store/db.js";

/**
 * Collection health for alerts and the digest. Pluggable: the `collect` branch's collection_run
 * table can provide its own source; this build reads ingest_log (CUR ingests).
 */
export interface FreshnessReport {
  /** ISO instant of the newest successful collection/ingest, null if none ever succeeded. */
  lastSuccessAt: string | null;
  /** The newest failure after the last success (collection is failing right now), else null. */
  lastFailure: { id: string; at: string; source: string; error: string } | null;
}

export type FreshnessSource = (db: Db) => Promise<FreshnessReport>;

/** `skipped` means the export was unchanged: the collector ran fine. */
export const ingestLogFreshness: FreshnessSource = async (db) => {
  const ok = await db
    .selectFrom("ingest_log")
    .select((eb) => eb.fn.max("finished_at").as("at"))
    .where("status", "in", ["ok", "skipped"])
    .executeTakeFirst();
  const lastSuccessAt = (ok?.at as string | null | undefined) ?? null;
  let q = db
    .selectFrom("ingest_log")
    .select(["id", "source", "error", "started_at", "finished_at"])
    .where("status", "=", "failed");
  if (lastSuccessAt) q = q.where("started_at", ">", lastSuccessAt);
  const failed = await q.orderBy("started_at", "desc").orderBy("id", "desc").executeTakeFirst();
  return {
    lastSuccessAt,
    lastFailure: failed
      ? {
          id: `ingest_log:${failed.id}`,
          at: failed.finished_at ?? failed.started_at,
          source: failed.source,
          error: failed.error ?? "unknown error",
        }
      : null,
  };
};
