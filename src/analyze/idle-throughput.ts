import type { PtFacts } from "../domain/facts.js";
/**
 * IDLE PROVISIONED THROUGHPUT: a PT bills every hour whether or not it serves a request. Pure.
 * Utilization = share of the lookback's hours with at least one invocation; an hour without a
 * CloudWatch datapoint is idle (CloudWatch publishes nothing for hours without traffic).
 */

export interface IdleItem {
  provisionedModelArn: string;
  name: string;
  accountId: string;
  region: string;
  model: string;
  modelUnits: number;
  commitment: string | null;
  commitmentExpiresAt: string | null;
  utilizationPct: number;
  invocations: number;
  lookbackHours: number;
  idleHours: number;
  hourlyUsd: number | null;
  idleCostUsd: number | null;
  recommendation: string;
}

const HOUR_MS = 3_600_000;
const money = (v: number) => `$${v.toFixed(2)}`;

/** Complete hours of the lookback the PT existed: [max(now − days, created), now) in whole hours. */
export function lookbackHours(now: Date, lookbackDays: number, createdAt: string | null): number {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  const start = Math.max(
    end - lookbackDays * 24 * HOUR_MS,
    Number.isNaN(created) ? 0 : Math.ceil(created / HOUR_MS) * HOUR_MS,
  );
  return Math.max(0, Math.round((end - start) / HOUR_MS));
}

function recommend(pt: PtFacts, util: number, days: number, hourlyUsd: number | null, now: Date): string {
  const expires = pt.commitmentExpiresAt ? Date.parse(pt.commitmentExpiresAt) : Number.NaN;
  const committed = !!pt.commitment && !(expires <= now.getTime());
  const perDay = hourlyUsd === null ? "" : ` (about ${money(hourlyUsd * 24)}/day)`;
  const usage =
    util === 0 ? `no invocations in ${days} days` : `invocations in only ${util.toFixed(1)}% of hours`;
  if (!committed)
    return `Delete it or move its traffic to on-demand: no commitment, ${usage}; it bills every hour${perDay}.`;
  const end = pt.commitmentExpiresAt ? pt.commitmentExpiresAt.slice(0, 10) : "the end of the term";
  if (pt.modelUnits > 1)
    return `Reduce model units: ${usage} on ${pt.modelUnits} units; renew with fewer units (or none) when the ${pt.commitment} commitment ends on ${end}.`;
  return `Plan not to renew: ${usage}; move its traffic to on-demand before the ${pt.commitment} commitment ends on ${end}.`;
}

export function findIdleThroughput(
  pts: readonly PtFacts[],
  o: { now: Date; lookbackDays: number; maxUtilizationPct: number },
): IdleItem[] {
  const out: IdleItem[] = [];
  for (const pt of pts) {
    const hours = lookbackHours(o.now, o.lookbackDays, pt.createdAt);
    if (hours === 0) continue;
    const active = Math.min(pt.activeHours, hours);
    const util = (100 * active) / hours;
    if (util > o.maxUtilizationPct) continue;
    const hourlyUsd = pt.usdPerUnitHour === null ? null : pt.usdPerUnitHour * pt.modelUnits;
    const idleHours = hours - active;
    out.push({
      provisionedModelArn: pt.arn,
      name: pt.name,
      accountId: pt.accountId,
      region: pt.region,
      model: pt.model,
      modelUnits: pt.modelUnits,
      commitment: pt.commitment,
      commitmentExpiresAt: pt.commitmentExpiresAt,
      utilizationPct: util,
      invocations: pt.invocations,
      lookbackHours: hours,
      idleHours,
      hourlyUsd,
      idleCostUsd: hourlyUsd === null ? null : hourlyUsd * idleHours,
      recommendation: recommend(pt, util, o.lookbackDays, hourlyUsd, o.now),
    });
  }
  return out.sort(
    (a, b) => (b.idleCostUsd ?? -1) - (a.idleCostUsd ?? -1) || a.utilizationPct - b.utilizationPct,
  );
}
