import type { ModelLifecycleFacts, ModelSpend } from "../domain/facts.js";
/**
 * MODEL RETIREMENT: models the org still pays for that are LEGACY or have lifecycle dates
 * (legacy, public extended access — higher prices —, end of life). Pure.
 */

export interface LifecycleItem {
  model: string;
  modelId: string;
  status: string;
  legacyTime: string | null;
  publicExtendedAccessTime: string | null;
  endOfLifeTime: string | null;
  /** The next lifecycle date after now; null when every date has passed (overdue) or none is set. */
  nextDate: string | null;
  nextEvent: "legacy" | "extended_access" | "end_of_life" | null;
  daysUntilNext: number | null;
  spendLast30dUsd: number;
  accounts: string[];
  principals: string[];
}

const DAY_MS = 86_400_000;
const EVENTS = [
  ["legacyTime", "legacy"],
  ["publicExtendedAccessTime", "extended_access"],
  ["endOfLifeTime", "end_of_life"],
] as const;

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Models that could be listed at all: LEGACY somewhere or with any lifecycle date. Only their
 * accounts and principals are worth reading (a large org has thousands of principals per month).
 */
export function retirementCandidates(facts: readonly ModelLifecycleFacts[]): string[] {
  const out = new Set<string>();
  for (const f of facts) if (f.status === "LEGACY" || EVENTS.some(([k]) => f[k] !== null)) out.add(f.model);
  return [...out].sort();
}

/** Regions can disagree; per model the earliest date of each kind and LEGACY if any region says so. */
function mergeByModel(facts: readonly ModelLifecycleFacts[]): Map<string, ModelLifecycleFacts> {
  const out = new Map<string, ModelLifecycleFacts>();
  for (const f of facts) {
    const prev = out.get(f.model);
    if (!prev) {
      out.set(f.model, { ...f });
      continue;
    }
    if (f.status === "LEGACY") prev.status = "LEGACY";
    prev.legacyTime = earliest(prev.legacyTime, f.legacyTime);
    prev.publicExtendedAccessTime = earliest(prev.publicExtendedAccessTime, f.publicExtendedAccessTime);
    prev.endOfLifeTime = earliest(prev.endOfLifeTime, f.endOfLifeTime);
  }
  return out;
}

export function findRetiringModels(
  facts: readonly ModelLifecycleFacts[],
  spend: readonly ModelSpend[],
  o: { now: Date; withinDays?: number },
): LifecycleItem[] {
  const lifecycle = mergeByModel(facts);
  const nowMs = o.now.getTime();
  const items: (LifecycleItem & { sortKey: number })[] = [];
  for (const s of spend) {
    const f = lifecycle.get(s.model);
    if (!f || s.spendUsd <= 0) continue;
    const dated = EVENTS.filter(([k]) => f[k] !== null);
    if (f.status !== "LEGACY" && dated.length === 0) continue;
    const upcoming = dated
      .map(([k, ev]) => ({ at: Date.parse(f[k]!), iso: f[k]!, ev }))
      .filter((d) => d.at > nowMs)
      .sort((a, b) => a.at - b.at)[0];
    const daysUntil = upcoming ? Math.ceil((upcoming.at - nowMs) / DAY_MS) : null;
    if (o.withinDays !== undefined && daysUntil !== null && daysUntil > o.withinDays) continue;
    const past = Math.max(
      ...dated.map(([k]) => Date.parse(f[k]!)).filter((t) => t <= nowMs),
      Number.NEGATIVE_INFINITY,
    );
    items.push({
      model: f.model,
      modelId: f.modelId,
      status: f.status,
      legacyTime: f.legacyTime,
      publicExtendedAccessTime: f.publicExtendedAccessTime,
      endOfLifeTime: f.endOfLifeTime,
      nextDate: upcoming?.iso ?? null,
      nextEvent: upcoming?.ev ?? null,
      daysUntilNext: daysUntil,
      spendLast30dUsd: s.spendUsd,
      accounts: [...s.accounts].sort(),
      principals: [...s.principals].sort(),
      // Overdue models (every date passed) sort first, then the soonest upcoming date, undated LEGACY last.
      sortKey: upcoming ? upcoming.at : Number.isFinite(past) ? past - 1e15 : Number.MAX_SAFE_INTEGER,
    });
  }
  items.sort((a, b) => a.sortKey - b.sortKey || b.spendLast30dUsd - a.spendLast30dUsd);
  return items.map(({ sortKey: _s, ...i }) => i);
}
