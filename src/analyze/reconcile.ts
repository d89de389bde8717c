import type { CostLine, DriftRow, LikelyCause } from "../domain/facts.js";
/**
 * RECONCILIATION: billed (CUR) vs estimated (metrics × list price) per day and model, for days that
 * have both, with the likely cause of a drift. Pure.
 */

export interface ReconcileOptions {
  /** |drift| above this percent is flagged (default 5). */
  thresholdPct?: number;
  /** Differences below this many USD are never flagged (default 0.01). */
  minAbsUsd?: number;
}

interface Side {
  costUsd: number;
  unpricedTokens: number;
  cacheTokens: number;
  provisionedUsd: number;
  batchUsd: number;
  places: Set<string>;
}

const emptySide = (): Side => ({
  costUsd: 0,
  unpricedTokens: 0,
  cacheTokens: 0,
  provisionedUsd: 0,
  batchUsd: 0,
  places: new Set(),
});

function aggregate(lines: readonly CostLine[]): Map<string, Side> {
  const out = new Map<string, Side>();
  for (const l of lines) {
    const k = `${l.day}|${l.model}`;
    const s = out.get(k) ?? emptySide();
    const cost = l.costUsd ?? 0;
    s.costUsd += cost;
    if (l.costUsd === null) s.unpricedTokens += l.tokens;
    if (l.tokenType === "cache_read" || l.tokenType === "cache_write") s.cacheTokens += l.tokens;
    if (l.pricingModel === "provisioned") s.provisionedUsd += cost;
    if (l.pricingModel === "batch") s.batchUsd += cost;
    if (l.pricingModel !== "provisioned" && l.tokens > 0) s.places.add(`${l.account}/${l.region ?? "?"}`);
    out.set(k, s);
  }
  return out;
}

const differs = (a: number, b: number) => Math.abs(a - b) > 0.05 * Math.max(Math.abs(a), Math.abs(b));

function cause(b: Side, e: Side | undefined): { cause: LikelyCause; detail: string } {
  if (e && e.unpricedTokens > 0)
    return { cause: "missing_price", detail: `${e.unpricedTokens} estimated tokens have no list price` };
  if (b.provisionedUsd > 0 && differs(b.provisionedUsd, e?.provisionedUsd ?? 0))
    return {
      cause: "provisioned_usage",
      detail: `provisioned throughput billed $${b.provisionedUsd.toFixed(2)}, estimated $${(e?.provisionedUsd ?? 0).toFixed(2)}`,
    };
  const missing = [...b.places].filter((p) => !e?.places.has(p));
  if (missing.length)
    return {
      cause: "region_not_collected",
      detail: `billed in ${missing.join(", ")} but no metrics collected there`,
    };
  if (b.cacheTokens > 0 && (e?.cacheTokens ?? 0) === 0)
    return {
      cause: "cache_tokens_missing",
      detail: `${b.cacheTokens} billed cache tokens, none in CloudWatch metrics`,
    };
  if (b.batchUsd > 0 && (e?.batchUsd ?? 0) === 0)
    return {
      cause: "batch_not_in_metrics",
      detail: `batch inference billed $${b.batchUsd.toFixed(2)}; batch jobs do not appear in runtime metrics`,
    };
  return {
    cause: "unexplained",
    detail: "no known cause: check for price changes or discounts in list prices",
  };
}

export function reconcile(
  billed: readonly CostLine[],
  estimated: readonly CostLine[],
  o: ReconcileOptions = {},
): DriftRow[] {
  const threshold = o.thresholdPct ?? 5;
  const minAbs = o.minAbsUsd ?? 0.01;
  const b = aggregate(billed);
  const e = aggregate(estimated);
  const billedDays = new Set(billed.map((l) => l.day));
  const bothDays = new Set(estimated.map((l) => l.day).filter((d) => billedDays.has(d)));
  const keys = new Set([...b.keys(), ...e.keys()].filter((k) => bothDays.has(k.slice(0, 10))));
  const rows: DriftRow[] = [];
  for (const k of keys) {
    const bs = b.get(k) ?? emptySide();
    const es = e.get(k);
    const est = es ? es.costUsd : null;
    const diff = (est ?? 0) - bs.costUsd;
    const driftPct = bs.costUsd > 0 ? (100 * diff) / bs.costUsd : diff === 0 ? 0 : null;
    const flagged =
      (Math.abs(diff) >= minAbs && (driftPct === null || Math.abs(driftPct) > threshold)) ||
      (es?.unpricedTokens ?? 0) > 0;
    const why = flagged ? cause(bs, es) : null;
    rows.push({
      day: k.slice(0, 10),
      model: k.slice(11),
      billedUsd: bs.costUsd,
      estimatedUsd: est,
      driftPct,
      flagged,
      likelyCause: why?.cause ?? null,
      causeDetail: why?.detail ?? null,
    });
  }
  return rows.sort(
    (x, y) => x.day.localeCompare(y.day) || y.billedUsd - x.billedUsd || x.model.localeCompare(y.model),
  );
}
