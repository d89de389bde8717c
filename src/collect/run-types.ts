import type { AwsAccess } from "../aws/access.js";
import type { AwsErrorDescription } from "../aws/errors.js";
import type { Clock } from "../clock.js";
import type { AccountConfig, Config } from "../config.js";
import type { Db } from "../store/db.js";
import type { CollectSource } from "../store/schema-collect.js";
import type { Logger } from "../util/log.js";
import type { Progress } from "../util/progress.js";
import type { UnitResult } from "./types.js";

export interface CollectDeps {
  db: Db;
  config: Config;
  now: Clock;
  log: Logger;
  aws: AwsAccess;
  /**
   * CUR ingestion for `config.cur` (skips unchanged periods itself); absent → the cur unit is
   * skipped. `progress` receives its phases (rows read, cost rows stored): a first backfill runs
   * for minutes inside one unit.
   */
  ingestCur?: (source: string, account: AccountConfig | null, progress?: Progress) => Promise<UnitResult>;
}

export interface CollectOptions {
  /** Re-fetch from this UTC day instead of the watermarks. */
  since?: string;
  sources?: CollectSource[];
  /** Aborting stops new units from starting; running ones finish their transaction. */
  signal?: AbortSignal;
  /** Where the units counter (and the CUR unit's phases) go; default a `collect` line on stderr. */
  progress?: Progress;
}

export interface UnitOutcome extends UnitResult {
  source: CollectSource;
  account: string | null;
  region: string | null;
  status: "ok" | "failed" | "skipped";
  error?: AwsErrorDescription;
  /** Why a unit was skipped (logging off in the region, CUR ingestion unavailable). */
  note?: string;
}

export interface CollectSummary {
  runId: string;
  status: "ok" | "partial" | "failed";
  units: UnitOutcome[];
}

/** A unit's work: its counts, or the reason there was nothing to do. */
export type UnitWork = UnitResult | { skipped: string };
