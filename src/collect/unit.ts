import { describeAwsError } from "../aws/errors.js";
import type { AccountConfig } from "../config.js";
import type { Db } from "../store/db.js";
import { insertCollectionRun } from "../store/queries/collection-run.js";
import { actionOfError, type TaggedError, withActionTags } from "./action-tag.js";
import { collectInventory } from "./bedrock/inventory.js";
import { collectMetrics } from "./cloudwatch/collect-metrics.js";
import { collectCwLogs } from "./logs/cw-logs.js";
import { createRateLimiter } from "./logs/rate-limit.js";
import { collectS3Logs } from "./logs/s3-logs.js";
import type { CollectDeps, CollectOptions, UnitOutcome, UnitWork } from "./run-types.js";
import { type CollectUnit, unitLabel } from "./units.js";

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
  // AWS says logging is off in this region: nothing to read.
  if (found) return {};
  return { s3: cfg?.s3, logGroup: cfg?.logGroup };
}

/**
 * Resolves the account's (cached) role credentials up front, so that a refused AssumeRole (trust
 * policy, wrong ExternalId) is reported as such and not as the first API call's AccessDenied.
 */
async function assumeRole(deps: CollectDeps, account: AccountConfig): Promise<void> {
  if (!account.roleArn) return;
  try {
    await deps.aws.credentials(account)();
  } catch (err) {
    if (err && typeof err === "object") (err as TaggedError).$action ??= "sts:AssumeRole";
    throw err;
  }
}

async function work(deps: CollectDeps, u: CollectUnit, o: CollectOptions, now: Date): Promise<UnitWork> {
  const { account, region } = u;
  if (u.source === "cur") {
    if (!deps.ingestCur || !deps.config.cur)
      return { skipped: "CUR ingestion is not available in this build" };
    return deps.ingestCur(deps.config.cur.source, account);
  }
  if (!account || !region) return { skipped: "no account or region" };
  const where = {
    account: account.id,
    region,
    now,
    backfillDays: deps.config.collect.backfillDays,
    since: o.since,
  };
  const aws = deps.aws.clients(account, region);
  await assumeRole(deps, account);
  if (u.source === "metrics") return collectMetrics(deps.db, withActionTags(aws.cloudwatch), where);
  if (u.source === "inventory") return collectInventory(deps.db, withActionTags(aws.bedrock), where);
  const dest = await logDestination(deps.db, account, region);
  if (dest.s3) return collectS3Logs(deps.db, withActionTags(aws.s3), { ...where, ...dest.s3 });
  if (dest.logGroup) {
    const limiter = createRateLimiter(5);
    return collectCwLogs(deps.db, withActionTags(aws.logs), { ...where, logGroup: dest.logGroup, limiter });
  }
  return { skipped: "invocation logging is off in this region" };
}

/** Runs one unit, never throws: the outcome (with AWS error name and fix) goes to collection_run. */
export async function executeUnit(deps: CollectDeps, u: CollectUnit, o: CollectOptions, runId: string) {
  // Stored times follow the product clock (BEDROCK_SPEND_NOW) so freshness checks agree.
  const now = deps.now();
  const t0 = performance.now();
  const base = { source: u.source, account: u.account?.id ?? null, region: u.region };
  const zero = { items: 0, apiCalls: 0, metricsRequested: 0 };
  let out: UnitOutcome;
  try {
    const r = await work(deps, u, o, now);
    out =
      "skipped" in r
        ? { ...base, ...zero, status: "skipped", note: r.skipped }
        : { ...base, ...r, status: "ok" };
  } catch (err) {
    const error = describeAwsError(err, {
      action: actionOfError(err) ?? u.source,
      account: u.account?.id ?? null,
      roleArn: u.account?.roleArn ?? null,
    });
    deps.log.warn(`collect ${unitLabel(u)} failed: ${error.message}${error.fix ? ` — ${error.fix}` : ""}`);
    out = { ...base, ...zero, status: "failed", error };
  }
  await insertCollectionRun(deps.db, {
    run_id: runId,
    ...base,
    status: out.status,
    error_name: out.error?.name ?? null,
    error: out.error?.message ?? out.note ?? null,
    fix: out.error?.fix || null,
    items: out.items,
    api_calls: out.apiCalls,
    metrics_requested: out.metricsRequested,
    duration_ms: Math.round(performance.now() - t0),
    started_at: now.toISOString(),
    finished_at: deps.now().toISOString(),
  });
  return out;
}
