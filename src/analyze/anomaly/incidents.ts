import { stableHash } from "../stats.js";
import { agreedChain, type ChainLink, identityLinks } from "./chain.js";
import { groupMembers, type IncidentMember } from "./incident-group.js";
import type { Anomaly, CostSource, Granularity } from "./types.js";

/**
 * One incident per event (incident-group.ts decides which anomalies are one): where it starts and
 * ends, its peak, its impact counted once, its driver chain, and an id that stays the same while
 * the event grows. Pure.
 */

export interface IncidentOptions {
  /** Absolute floor on |impact| over the whole event (anomaly.minImpactUsd). */
  minImpactUsd: number;
  /** Relative floor: |impact| ≥ this × the expected spend of the event's series (anomaly.minImpactPct). */
  minImpactPct: number;
  /** Latest evaluated hour / day: an event still anomalous there is ongoing (end null). */
  lastHour: string | null;
  lastDay: string | null;
}

export interface IncidentDraft {
  id: string;
  start: string;
  end: string | null;
  peak: string;
  granularity: Granularity;
  direction: "spike" | "drop";
  impactUsd: number;
  actualUsd: number;
  expectedUsd: number;
  source: CostSource;
  driverChain: ChainLink[];
  /** The bucket count (hours, or the days an event with any whole day touches): "over 4 h". */
  buckets: number;
  hours: string[];
  anomalyIds: string[];
}

export interface IncidentResult {
  /** Ranked by |impactUsd|, largest first; only those above both floors. */
  incidents: IncidentDraft[];
  /** Anomaly id → incident id (anomalies of events under the floor are absent). */
  incidentOf: Map<string, string>;
}

const bucketOf = (a: Anomaly) => a.hour ?? a.date;
const covers = (chain: ChainLink[], a: Anomaly) =>
  a.dimension === "total" || chain.some((l) => l.dimension === a.dimension && l.key === a.key);

/**
 * The one view that counts for a bucket: the narrowest series that still holds the whole event
 * (its own key is a link of the chain, or the total), so nothing is counted twice and other
 * keys' noise stays out.
 */
function viewOf(ms: IncidentMember[], chain: ChainLink[]): Anomaly {
  const holding = ms.filter((m) => covers(chain, m.anomaly));
  const pool = holding.length ? holding : ms;
  return pool.reduce((best, m) =>
    Math.abs(m.anomaly.expectedUsd) < Math.abs(best.anomaly.expectedUsd) ? m : best,
  ).anomaly;
}

/** A view holding at least this share of its bucket's largest view is a full view of the event. */
const FULL_VIEW = 0.75;

/**
 * The views that hold (nearly) all of the event in their bucket: the chain is what they agree on.
 * A partial view (one of two regions a loop ran in) still belongs to the incident but names no link.
 */
function fullViews(ms: IncidentMember[]): IncidentMember[] {
  const largest = new Map<string, number>();
  for (const m of ms) {
    const b = bucketOf(m.anomaly);
    largest.set(b, Math.max(largest.get(b) ?? 0, Math.abs(m.anomaly.impactUsd)));
  }
  return ms.filter(
    (m) => Math.abs(m.anomaly.impactUsd) >= FULL_VIEW * (largest.get(bucketOf(m.anomaly)) ?? 0),
  );
}

function draft(ms: IncidentMember[]): Omit<IncidentDraft, "id" | "end"> & { last: string } {
  const chain = agreedChain(fullViews(ms).map((m) => m.chain));
  const hourly = ms.filter((m) => m.anomaly.hour);
  const hourDays = new Set(hourly.map((m) => m.anomaly.date));
  // Each day counts once: by its anomalous hours when it has any (they say when the event ran),
  // else by the day — a billed day (its hours left the hourly window) next to estimated hours.
  const counted = ms.filter((m) => m.anomaly.hour || !hourDays.has(m.anomaly.date));
  const byHour = counted.every((m) => m.anomaly.hour);
  const buckets = new Map<string, IncidentMember[]>();
  for (const m of counted) buckets.set(bucketOf(m.anomaly), [...(buckets.get(bucketOf(m.anomaly)) ?? []), m]);
  const order = [...buckets.keys()].sort();
  const views = order.map((b) => viewOf(buckets.get(b) ?? [], chain));
  const sum = (f: (a: Anomaly) => number) => views.reduce((s, a) => s + f(a), 0);
  const peak = views.reduce((p, a) => (Math.abs(a.impactUsd) > Math.abs(p.impactUsd) ? a : p));
  const hours = [...new Set(hourly.map((m) => m.anomaly.hour as string))].sort();
  return {
    start: order[0],
    last: order[order.length - 1],
    peak: bucketOf(peak),
    granularity: byHour ? "hour" : "day",
    direction: ms[0].anomaly.direction,
    impactUsd: sum((a) => a.impactUsd),
    actualUsd: sum((a) => a.actualUsd),
    expectedUsd: sum((a) => a.expectedUsd),
    source: views.every((a) => a.source === "billed") ? "billed" : "estimated",
    driverChain: chain,
    buckets: byHour ? order.length : new Set(order.map((b) => b.slice(0, 10))).size,
    hours,
    anomalyIds: ms.map((m) => m.anomaly.id),
  };
}

/**
 * Derived from direction, start day and the model/account/region the event's FIRST bucket names:
 * later hours (or a day's anomaly found after its hours) never change it.
 */
function incidentKey(ms: IncidentMember[], start: string, direction: string): string {
  const first = ms.filter((m) => bucketOf(m.anomaly) === start);
  const links = identityLinks(agreedChain(fullViews(first.length ? first : ms).map((m) => m.chain)));
  const chain = links.map((l) => `${l.dimension}=${l.key}`).join(",");
  return [direction, start.slice(0, 10), chain].join("|");
}

export function buildIncidents(members: IncidentMember[], opts: IncidentOptions): IncidentResult {
  const drafts = groupMembers(members).map((idx) => {
    const ms = idx.map((i) => members[i]);
    const d = draft(ms);
    return { ms, d, key: incidentKey(ms, d.start, d.direction) };
  });
  // Two events of one chain on one day (a loop that stops and restarts): the later one adds its hour.
  drafts.sort((a, b) => (a.d.start < b.d.start ? -1 : a.d.start > b.d.start ? 1 : 0));
  const seen = new Set<string>();
  const incidents: IncidentDraft[] = [];
  const incidentOf = new Map<string, string>();
  for (const { d, key } of drafts) {
    const unique = seen.has(key) ? `${key}|${d.start}` : key;
    seen.add(key);
    const impact = Math.abs(d.impactUsd);
    if (impact < opts.minImpactUsd || impact < opts.minImpactPct * Math.abs(d.expectedUsd)) continue;
    const id = `inc-${stableHash(unique)}`;
    // The last bucket decides: an event whose last day is resolved by hours ended at its last hour.
    const lastEvaluated = d.last.length > 10 ? opts.lastHour : opts.lastDay;
    const ongoing = lastEvaluated !== null && d.last >= lastEvaluated;
    const { last: _last, ...rest } = d;
    incidents.push({ id, ...rest, end: ongoing ? null : d.last });
    for (const a of d.anomalyIds) incidentOf.set(a, id);
  }
  incidents.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd));
  return { incidents, incidentOf };
}
