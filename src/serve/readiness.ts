import { sql } from "kysely";
import type { Config } from "../config.js";
import { storeFreshness } from "../slack/freshness.js";
import type { Db } from "../store/db.js";

export interface Readiness {
  ready: boolean;
  store: "ok" | string;
  /** Newest successful collection or CUR ingest, null when none yet. */
  lastCollectionAt: string | null;
  /** Null when nothing is configured to collect (freshness is not part of readiness then). */
  maxAgeMinutes: number | null;
  problems: string[];
}

/** A collector is configured: the scheduler runs, so data must stay fresh. */
function collects(config: Config): boolean {
  return config.accounts.length > 0 || Boolean(config.cur);
}

/** Store reachable, and (when collecting) the last successful collection within the expected age. */
export async function readiness(db: Db, config: Config, now: Date): Promise<Readiness> {
  const problems: string[] = [];
  let store = "ok";
  let lastCollectionAt: string | null = null;
  try {
    await sql`select 1`.execute(db);
    lastCollectionAt = (await storeFreshness(db)).lastSuccessAt;
  } catch (err) {
    store = `unreachable: ${(err as Error).message}`;
    problems.push(`store ${store}`);
  }
  const maxAgeMinutes = collects(config) ? config.serve.maxCollectionAgeMinutes : null;
  if (maxAgeMinutes !== null && store === "ok") {
    const ageMs = lastCollectionAt ? now.getTime() - Date.parse(lastCollectionAt) : Number.POSITIVE_INFINITY;
    if (ageMs > maxAgeMinutes * 60_000)
      problems.push(
        lastCollectionAt
          ? `last successful collection ${lastCollectionAt} is older than ${maxAgeMinutes} minutes`
          : "no collection has succeeded yet",
      );
  }
  return { ready: problems.length === 0, store, lastCollectionAt, maxAgeMinutes, problems };
}
