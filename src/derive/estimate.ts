import { estimateSpend } from "../analyze/estimate.js";
import type { EstimateCoverage } from "../analyze/estimate-types.js";
import { reconcile } from "../analyze/reconcile.js";
import { billedThrough } from "../domain/billed-through.js";
import type { DriftRow } from "../domain/facts.js";
import { bundledPriceRows } from "../prices/bundled.js";
import { buildPriceBook } from "../prices/lookup.js";
import type { Db } from "../store/db.js";
import { readCostLines, replaceDrift } from "../store/queries/drift.js";
import {
  readAccountNames,
  readLogDays,
  readMetricDays,
  readModelIdContext,
  readPrincipalTags,
  readProvisionedCharges,
} from "../store/queries/estimate-inputs.js";
import { replaceEstimates } from "../store/queries/estimates.js";
import { ensureBundledPrices, loadPrices } from "../store/queries/prices.js";
import { readCurCoverage } from "../store/queries/provenance.js";
import { refreshSpendRollupAfterWrite } from "../store/queries/spend-rollup.js";
import { addDays, isoDay } from "../util/dates.js";
import { type Logger, silentLogger } from "../util/log.js";

/**
 * Recomputes `cost_estimate_daily` for a window of recent days (default: the last 40, which covers
 * the first metrics backfill) from what the store holds, then the billed-vs-estimated drift of the
 * same days. Run after every collection and by the demo. Idempotent: the window's rows are
 * replaced in one transaction, so readers never see half an estimate.
 */

export const DEFAULT_ESTIMATE_DAYS = 40;

export interface RecomputeOptions {
  now: Date;
  /** Where a rollup refresh that could not run is reported (default: nowhere). */
  log?: Logger;
  from?: string;
  to?: string;
  accounts?: { id: string; name?: string }[];
}

export interface RecomputeResult {
  from: string;
  to: string;
  rows: number;
  coverage: EstimateCoverage;
  drift: DriftRow[];
}

export async function recomputeEstimates(db: Db, o: RecomputeOptions): Promise<RecomputeResult> {
  const to = o.to ?? isoDay(o.now);
  const from = o.from ?? addDays(to, -(DEFAULT_ESTIMATE_DAYS - 1));
  const at = o.now.toISOString();
  await ensureBundledPrices(db, bundledPriceRows(), at);
  const modelIds = await readModelIdContext(db);
  const out = estimateSpend({
    from,
    to,
    now: o.now,
    metrics: await readMetricDays(db, from, to),
    logs: await readLogDays(db, from, to),
    provisioned: await readProvisionedCharges(db, modelIds),
    prices: buildPriceBook(await loadPrices(db)),
    modelIds,
    accountNames: await readAccountNames(db, o.accounts ?? []),
    principalTags: await readPrincipalTags(db),
  });
  const c = out.coverage;
  await replaceEstimates(db, out.rows, {
    from,
    to,
    metricTokens: c.totalTokens,
    attributedTokens: c.attributedTokens,
    unpricedTokens: c.unpricedTokens,
    estimatedUsd: c.estimatedUsd,
    computedAt: at,
  });
  const drift = await computeDrift(db, from, to);
  await replaceDrift(db, from, to, drift, at);
  await refreshSpendRollupAfterWrite(db, o.log ?? silentLogger, "estimate");
  return { from, to, rows: out.rows.length, coverage: out.coverage, drift };
}

/**
 * Billed vs estimated for the days of [from, to] that have both, up to `billedThrough` (the CUR's
 * still-accumulating last day would show a false drift). Reads the store, writes nothing.
 */
export async function computeDrift(db: Db, from: string, to: string): Promise<DriftRow[]> {
  const through = billedThrough(await readCurCoverage(db));
  if (!through || through < from) return [];
  const last = through < to ? through : to;
  const billed = await readCostLines(db, "cost_daily", from, last);
  const estimated = await readCostLines(db, "cost_estimate_daily", from, last);
  return reconcile(billed, estimated);
}

/** The collect run's hook: a failed recompute is logged, never fails the collection. */
export async function recomputeAfterCollection(
  db: Db,
  o: RecomputeOptions & { log: Logger },
): Promise<RecomputeResult | null> {
  try {
    const r = await recomputeEstimates(db, o);
    const pct = r.coverage.attributedPct;
    o.log.info(
      `estimate: ${r.rows} rows for ${r.from}..${r.to}, $${r.coverage.estimatedUsd.toFixed(2)}, ` +
        `${pct === null ? "no tokens" : `${pct.toFixed(1)}% of tokens attributed by invocation logs`}, ` +
        `${r.drift.filter((d) => d.flagged).length} day×model drifts flagged`,
    );
    return r;
  } catch (err) {
    o.log.warn(`estimate: recompute failed: ${(err as Error).message}`);
    return null;
  }
}
