import type { Db } from "../store/db.js";
import { lastSuccessAt as lastRunSuccessAt, latestCollectionRuns } from "../store/queries/collection-run.js";
import { lastOkRuns } from "../store/queries/onboarding.js";

/**
 * Collection health for alerts and the digest: collection_run (every `collect` unit: metrics,
 * inventory, logs, cur per account × region) and ingest_log (CUR ingests, also `ingest-cur`).
 */
export interface FailingUnit {
  /** The failed run (`collection_run:<id>`, `ingest_log:<id>`). */
  id: string;
  /**
   * The same for every failed run of the unit until it succeeds again (`<unit>@<last ok|never>`):
   * a unit failing every hour is one episode, alerted once.
   */
  episode: string;
  at: string;
  /** For people: `metrics 111111111111 us-east-1`, or the CUR source. */
  source: string;
  /** What failed, in data-gap terms (source metrics|logs|inventory|cur, account, region). */
  unit: { source: string; account: string | null; region: string | null };
  error: string;
}

export interface FreshnessReport {
  /** ISO instant of the newest successful collection/ingest, null if none ever succeeded. */
  lastSuccessAt: string | null;
  /** The newest failure after the last success (collection is failing right now), else null. */
  lastFailure: FailingUnit | null;
  /** Every unit failing right now, newest first. */
  failing: FailingUnit[];
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
  const failure: FailingUnit | null = failed
    ? {
        id: `ingest_log:${failed.id}`,
        episode: `ingest_log:${failed.source}@${lastSuccessAt ?? "never"}`,
        at: failed.finished_at ?? failed.started_at,
        source: failed.source,
        unit: { source: "cur", account: null, region: null },
        error: failed.error ?? "unknown error",
      }
    : null;
  return { lastSuccessAt, lastFailure: failure, failing: failure ? [failure] : [] };
};

/**
 * A unit (source × account × region) is failing when its NEWEST run failed; an old failure that a
 * later run of the same unit fixed is history, not an alert.
 */
export const collectionRunFreshness: FreshnessSource = async (db) => {
  const runs = (await latestCollectionRuns(db)).filter((r) => r.status === "failed");
  runs.sort((a, b) => b.finished_at.localeCompare(a.finished_at) || b.id - a.id);
  const ok = await lastOkRuns(db);
  const failing = runs.map((r): FailingUnit => {
    const where = [r.account, r.region].filter(Boolean).join(" ");
    const lastOk = ok.find((o) => o.source === r.source && o.account === r.account && o.region === r.region);
    return {
      id: `collection_run:${r.id}`,
      episode: `collection_run:${r.source}/${r.account ?? ""}/${r.region ?? ""}@${lastOk?.at ?? "never"}`,
      at: r.finished_at,
      source: where ? `${r.source} ${where}` : r.source,
      unit: { source: r.source, account: r.account, region: r.region },
      error: [r.error_name, r.error, r.fix].filter(Boolean).join(": ") || "unknown error",
    };
  });
  return { lastSuccessAt: await lastRunSuccessAt(db), lastFailure: failing[0] ?? null, failing };
};

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Both sources: the newest success of either, the newest current failure of either. */
export function combineFreshness(...sources: FreshnessSource[]): FreshnessSource {
  return async (db) => {
    const reports = await Promise.all(sources.map((f) => f(db)));
    const failing = reports.flatMap((r) => r.failing).sort((a, b) => b.at.localeCompare(a.at));
    return {
      lastSuccessAt: reports.reduce<string | null>((at, r) => later(at, r.lastSuccessAt), null),
      lastFailure: failing[0] ?? null,
      failing,
    };
  };
}

/** What production Slack reads. */
export const storeFreshness: FreshnessSource = combineFreshness(collectionRunFreshness, ingestLogFreshness);
