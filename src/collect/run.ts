import { randomUUID } from "node:crypto";
import type { AwsAccess } from "../aws/access.js";
import { type AwsErrorDescription, describeAwsError } from "../aws/errors.js";
import type { Clock } from "../clock.js";
import type { AccountConfig, Config } from "../config.js";
import type { Db } from "../store/db.js";
import { insertCollectionRun } from "../store/queries/collection-run.js";
import type { CollectSource } from "../store/schema-collect.js";
import type { Logger } from "../util/log.js";
import { mapPool } from "../util/pool.js";
import { createProgress } from "../util/progress.js";
import { actionOfError, withActionTags } from "./action-tag.js";
import { collectInventory } from "./bedrock/inventory.js";
import { collectMetrics } from "./cloudwatch/collect-metrics.js";
import { collectCwLogs } from "./logs/cw-logs.js";
import { createRateLimiter } from "./logs/rate-limit.js";
import { collectS3Logs } from "./logs/s3-logs.js";
import type { UnitResult } from "./types.js";
import { type CollectUnit, planUnits, unitLabel } from "./units.js";

export interface CollectDeps {
  db: Db;
  config: Config;
  now: Clock;
  log: Logger;
  aws: AwsAccess;
  /** CUR ingestion for `config.cur` (skips unchanged periods itself); absent → the cur unit is skipped. */
  ingestCur?: (source: string, account: AccountConfig | null) => Promise<UnitResult>;
}

export interface CollectOptions {
  since?: string;
  sources?: CollectSource[];
  signal?: AbortSignal;
}

export interface UnitOutcome extends UnitResult {
  source: CollectSource;
  account: string | null;
  region: string | null;
  status: "ok" | "failed" | "skipped";
  error?: AwsErrorDescription;
}

export interface CollectSummary {
  runId: string;
  status: "ok" | "partial" | "failed";
  units: UnitOutcome[];
}

/**
 * Where a region's invocation logs go. The logging configuration found by the inventory wins
 * (its bucket must live in the same account and region, so one bucket per account cannot serve
 * every region); the account's `invocationLogs` config is the fallback and the opt-in.
 */
async function logDestination(db: Db, account: AccountConfig, region: string) {
  const found = await db
    .selectFrom("logging_config")
    .select(["s3_bucket", "s3_prefix", "log_group"])
    .where("account", "=", account.id)
    .where("region", "=", region)
    .executeTakeFirst();
  const cfg = account.invocationLogs;
  if (found?.s3_bucket) return { s3: { bucket: found.s3_bucket, prefix: found.s3_prefix ?? "" } };
  if (found?.log_group) return { logGroup: found.log_group };
  return { s3: cfg?.s3, logGroup: cfg?.logGroup };
}

async function runUnit(
  deps: CollectDeps,
  u: CollectUnit,
  o: CollectOptions,
  now: Date,
): Promise<UnitResult | null> {
  const { account, region } = u;
  const backfillDays = deps.config.collect.backfillDays;
  if (u.source === "cur") {
    if (!deps.ingestCur || !deps.config.cur) return null;
    return deps.ingestCur(deps.config.cur.source, account);
  }
  if (!account || !region) return null;
  const where = { account: account.id, region, now, backfillDays, since: o.since };
  const aws = deps.aws.clients(account, region);
  if (u.source === "metrics") return collectMetrics(deps.db, withActionTags(aws.cloudwatch), where);
  if (u.source === "inventory") return collectInventory(deps.db, withActionTags(aws.bedrock), where);
  const dest = await logDestination(deps.db, account, region);
  if (dest.s3) return collectS3Logs(deps.db, withActionTags(aws.s3), { ...where, ...dest.s3 });
  if (dest.logGroup) {
    const limiter = createRateLimiter(5);
    return collectCwLogs(deps.db, withActionTags(aws.logs), { ...where, logGroup: dest.logGroup, limiter });
  }
  return null;
}

/**
 * Every source × account × region with bounded concurrency. A unit's failure (AccessDenied,
 * wrong ExternalId, retries exhausted, network) is recorded with a fix and never stops the others.
 */
export async function runCollection(deps: CollectDeps, o: CollectOptions = {}): Promise<CollectSummary> {
  const runId = randomUUID();
  const units = planUnits(deps.config, o.sources);
  const progress = createProgress("collect");
  let done = 0;
  const outcomes = await mapPool(
    units,
    deps.config.collect.concurrency,
    async (u): Promise<UnitOutcome> => {
      // Stored times follow the product clock (BEDROCK_SPEND_NOW) so freshness checks agree.
      const now = deps.now();
      const t0 = performance.now();
      const base = { source: u.source, account: u.account?.id ?? null, region: u.region };
      let out: UnitOutcome;
      try {
        const r = await runUnit(deps, u, o, now);
        out = r
          ? { ...base, ...r, status: "ok" }
          : { ...base, items: 0, apiCalls: 0, metricsRequested: 0, status: "skipped" };
      } catch (err) {
        const error = describeAwsError(err, {
          action: actionOfError(err) ?? `${u.source}`,
          account: u.account?.id ?? null,
          roleArn: u.account?.roleArn ?? null,
        });
        deps.log.warn(`collect ${unitLabel(u)} failed: ${error.name}: ${error.message} — ${error.fix}`);
        out = { ...base, items: 0, apiCalls: 0, metricsRequested: 0, status: "failed", error };
      }
      await insertCollectionRun(deps.db, {
        run_id: runId,
        ...base,
        status: out.status,
        error_name: out.error?.name ?? null,
        error: out.error?.message ?? null,
        fix:
          out.error?.fix ??
          (out.status === "skipped" ? "CUR ingestion is not available in this build" : null),
        items: out.items,
        api_calls: out.apiCalls,
        metrics_requested: out.metricsRequested,
        duration_ms: Math.round(performance.now() - t0),
        started_at: now.toISOString(),
        finished_at: deps.now().toISOString(),
      });
      progress.update(`${++done}/${units.length} units`);
      return out;
    },
    o.signal,
  );
  const finished = outcomes.filter((x): x is UnitOutcome => x !== undefined);
  progress.done(`${finished.filter((x) => x.status === "ok").length}/${units.length} units ok`);
  const failed = finished.filter((x) => x.status === "failed").length;
  const ok = finished.length - failed;
  const status = failed === 0 && finished.length === units.length ? "ok" : ok > 0 ? "partial" : "failed";
  return { runId, status, units: finished };
}
