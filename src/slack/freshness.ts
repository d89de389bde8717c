import type { Db } from "../store/db.js";
import { lastSuccessAt as lastRunSuccessAt, latestCollectionRuns } from "../store/queries/collection-run.js";

/**
 * Collection health for alerts and the digest: collection_run (every `collect` unit: metrics,
 * inventory, logs, cur per account × region) and ingest_log (CUR ingests, also `ingest-cur`).
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

/**
 * A unit (source × account × region) is failing when its NEWEST run failed; an old failure that a
 * later run of the same unit fixed is history, not an alert.
 */
export const collectionRunFreshness: FreshnessSource = async (db) => {
  const failing = (await latestCollectionRuns(db)).filter((r) => r.status === "failed");
  const newest = failing.sort((a, b) => b.finished_at.localeCompare(a.finished_at) || b.id - a.id)[0];
  const where = newest ? [newest.account, newest.region].filter(Boolean).join(" ") : "";
  return {
    lastSuccessAt: await lastRunSuccessAt(db),
    lastFailure: newest
      ? {
          id: `collection_run:${newest.id}`,
          at: newest.finished_at,
          source: where ? `${newest.source} ${where}` : newest.source,
          error: [newest.error_name, newest.error, newest.fix].filter(Boolean).join(": ") || "unknown error",
        }
      : null,
  };
};

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Both sources: the newest success of either, the newest current failure of either. */
export function combineFreshness(...sources: FreshnessSource[]): FreshnessSource {
  return async (db) => {
    const reports = await Promise.all(sources.map((f) => f(db)));
    const failures = reports.flatMap((r) => (r.lastFailure ? [r.lastFailure] : []));
    return {
      lastSuccessAt: reports.reduce<string | null>((at, r) => later(at, r.lastSuccessAt), null),
      lastFailure: failures.sort((a, b) => b.at.localeCompare(a.at))[0] ?? null,
    };
  };
}

/** What production Slack reads. */
export const storeFreshness: FreshnessSource = combineFreshness(collectionRunFreshness, ingestLogFreshness);
