import type { S3Client } from "@aws-sdk/client-s3";
import type { Clock } from "../../clock.js";
import type { Db } from "../../store/db.js";
import type { Logger } from "../../util/log.js";
import type { Progress } from "../../util/progress.js";
import type { DuckMemory } from "./duck.js";

export interface IngestDeps {
  db: Db;
  log: Logger;
  now: Clock;
}

export interface IngestOptions {
  /** S3 client for `s3://` sources, from src/aws (required for them). */
  s3?: S3Client;
  /** Re-ingest periods whose files did not change. */
  force?: boolean;
  progress?: Progress;
  /** Only these billing periods (`YYYY-MM`). */
  periods?: string[];
  /** DuckDB's memory caps; tests lower them to force the retry. Default duck.ts DUCK_MEMORY. */
  duckMemory?: DuckMemory;
}

export interface PeriodSummary {
  period: string;
  status: "ok" | "unchanged" | "failed";
  files: number;
  emptyFiles: number;
  rowsRead: number;
  bedrockRows: number;
  skippedRows: number;
  costUsd: number;
  /** Credits + refunds + discounts + tax on Bedrock (kept apart from cost). */
  adjustmentsUsd: number;
  hasIamPrincipal: boolean | null;
  lastUsageDay: string | null;
  warnings: string[];
  error: string | null;
  seconds: number;
}

export interface IngestSummary {
  source: string;
  periods: PeriodSummary[];
  ok: number;
  unchanged: number;
  failed: number;
  rowsRead: number;
  bedrockRows: number;
  skippedRows: number;
  costUsd: number;
  warnings: string[];
  seconds: number;
}
