import type { AttributionDay } from "../analyze/anomaly/attribution.js";
import type { AccountRegion } from "../analyze/anomaly/coverage.js";
import type { AnomalyDimension } from "../analyze/anomaly/index.js";
import type { CoverageEntry } from "./detect-anomalies-schema.js";

/** The `coverage` entries of detect_anomalies: per estimated day and dimension, what was compared. */

export function accountLabel(id: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
}

function missingText(excluded: readonly AccountRegion[], names: ReadonlyMap<string, string>): string {
  const byAccount = new Map<string, string[]>();
  for (const ar of excluded) byAccount.set(ar.account, [...(byAccount.get(ar.account) ?? []), ar.region]);
  return [...byAccount]
    .map(([id, regions]) => `${accountLabel(id, names)} ${regions.sort().join(", ")}`)
    .join("; ");
}

const pctText = (p: number) => `${Math.round(p * 100)}%`;

/** One entry for a metric-based dimension (total, model, account, region). */
export function metricEntry(
  dimension: AnomalyDimension,
  day: string,
  excluded: readonly AccountRegion[],
  coveredShare: number | null,
  names: ReadonlyMap<string, string>,
): CoverageEntry {
  if (excluded.length === 0)
    return { dimension, day, pct: 1, compared: "full", note: "every account/region has metrics for the day" };
  const own = dimension === "account" ? "; their own series are not evaluated" : "";
  return {
    dimension,
    day,
    pct: coveredShare,
    compared: "covered_part",
    note:
      `no metrics for ${missingText(excluded, names)}: compared without them, in the baseline too` +
      `${coveredShare === null ? "" : ` (the rest is ${pctText(coveredShare)} of usual spend)`}${own}`,
  };
}

/** The entry for principals: how much of the day invocation logs attribute, and what follows. */
export function principalEntry(
  day: string,
  a: AttributionDay,
  excluded: readonly AccountRegion[],
  names: ReadonlyMap<string, string>,
): CoverageEntry {
  const without = excluded.length ? `; without ${missingText(excluded, names)} (no metrics)` : "";
  const share = a.pct === null ? "none" : pctText(a.pct);
  const notes: Record<AttributionDay["compared"], string> = {
    full: `principals attributed as usual (${share} of the usual share)`,
    share:
      `invocation logs attribute ${share} of the usual share: each principal scaled up by ` +
      `${(1 / (a.pct ?? 1)).toFixed(2)}×, spikes only; the unattributed bucket is not compared`,
    skipped:
      `invocation logs attribute ${share} of the usual share: principals not compared ` +
      "(the unattributed bucket never alerts on estimated days)",
  };
  return { dimension: "principal", day, pct: a.pct, compared: a.compared, note: notes[a.compared] + without };
}

/** Spend left after the exclusion, as a share of all spend, over the 4 weeks of history before `at`. */
export function coveredShare(
  before: readonly { values: readonly (number | null)[] }[],
  after: readonly { values: readonly (number | null)[] }[],
  at: number,
): number | null {
  let all = 0;
  let left = 0;
  for (let i = Math.max(0, at - 28); i < at; i++) {
    // Days missing from the restricted series (incomplete) say nothing about the share.
    if (!after.some((s) => s.values[i] !== null && s.values[i] !== undefined)) continue;
    for (const s of before) all += s.values[i] ?? 0;
    for (const s of after) left += s.values[i] ?? 0;
  }
  return all > 0 ? Math.min(1, left / all) : null;
}
