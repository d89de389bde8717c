import type { Generated } from "kysely";
import type { CanonicalCostColumns } from "../domain/cost-rows.js";
import type { CollectTables } from "./schema-collect.js";
import type { EstimateTables } from "./schema-estimate.js";
import type { JobLeaseTable } from "./schema-lease.js";
import type { PricingTables } from "./schema-pricing.js";
import type { SlackTables } from "./schema-slack.js";

/**
 * One Database interface built from per-table interfaces, in the canonical vocabulary of src/domain/vocabulary.ts.
 * Money columns are USD doubles at full precision; rounding happens only for display.
 */

/** A daily canonical Bedrock cost row from the CUR (line_item_type = Usage). */
export interface CostDailyTable extends CanonicalCostColumns {
  id: Generated<number>;
  /** Billing period `YYYY-MM` the row was delivered in (the unit of replacement). */
  period: string;
  payer_account: string | null;
  usage_type: string;
  product_code: string;
  usage_amount: number;
  unit: string | null;
  cost_usd: number;
  list_cost_usd: number | null;
  ingest_id: number;
}

/** Credits, refunds, discounts and tax on Bedrock lines: kept beside cost, never mixed in. */
export interface CostAdjustmentTable {
  id: Generated<number>;
  period: string;
  day: string;
  account: string;
  kind: "credit" | "refund" | "discount" | "tax";
  line_item_type: string;
  model: string | null;
  amount_usd: number;
  ingest_id: number;
}

export interface CurPeriodTable {
  period: string;
  source: string;
  /** Hash of the file list (path, size, etag/mtime): unchanged files → skip re-ingest. */
  fingerprint: string;
  ingest_id: number;
  last_usage_day: string | null;
  /** Newest file time seen (last refresh of the export), ISO instant. */
  refreshed_at: string | null;
  has_iam_principal: number;
  ingested_at: string;
}

export interface IngestLogTable {
  id: Generated<number>;
  source: string;
  period: string | null;
  status: "ok" | "failed" | "skipped" | "running";
  /** JSON array of { path, size, etag?, mtime? }. */
  files: string;
  rows_read: number;
  bedrock_rows: number;
  skipped_rows: number;
  cost_usd: number;
  warnings: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface CostTables {
  cost_daily: CostDailyTable;
  cost_adjustment: CostAdjustmentTable;
  cur_period: CurPeriodTable;
  ingest_log: IngestLogTable;
}

/**
 * The whole store. Each area declares its tables in its own `schema-<area>.ts` and is added here
 * (one line each), next to its migration in `migrations/index.ts`.
 */
export interface Database extends CostTables, EstimateTables, CollectTables, SlackTables, PricingTables {
  job_lease: JobLeaseTable;
}
