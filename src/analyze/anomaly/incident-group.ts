import { agreedChain, type ChainLink, compatibleChains, identityLinks } from "./chain.js";
import type { Anomaly } from "./types.js";

/**
 * Which anomalies are one event. Two views belong together when they point the same way, their
 * driver chains name no different model/account/region, and they are close in time: hours at most
 * MAX_HOUR_GAP apart, consecutive days, or an hour
 * and the day that contains it. A view without any driver (a total nobody explains) joins the
 * largest event it touches instead of bridging two. Pure.
 */

export interface IncidentMember {
  anomaly: Anomaly;
  chain: ChainLink[];
}

/** Hours of one event may be this far apart: a few quiet hours inside a loop do not split it. */
export const MAX_HOUR_GAP = 4;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const hourMs = (label: string) => Date.parse(`${label.slice(0, 13)}:00:00Z`);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * `hourDays`: days (with direction) that have anomalous hours. Two such days are not joined as
 * consecutive days: their hours say whether the event went on (a loop in the evening and another
 * the next morning are two events).
 */
export function adjacent(a: Anomaly, b: Anomaly, hourDays: ReadonlySet<string> = new Set()): boolean {
  if (a.direction !== b.direction) return false;
  if (a.hour && b.hour) return Math.abs(hourMs(a.hour) - hourMs(b.hour)) <= MAX_HOUR_GAP * HOUR_MS;
  if (!a.hour && !b.hour) {
    if (a.date === b.date) return true;
    const resolved = hourDays.has(`${a.direction}|${a.date}`) && hourDays.has(`${b.direction}|${b.date}`);
    return !resolved && Math.abs(dayMs(a.date) - dayMs(b.date)) <= DAY_MS;
  }
  return a.date === b.date;
}

interface Group {
  idx: number[];
  chain: ChainLink[];
  impact: number;
}

const specificity = (m: IncidentMember) => identityLinks(m.chain).length;

/**
 * Members partitioned into events (indices into `members`). The most specific views go first, so
 * a broader view (a region, the total) that touches two events of different keys joins the larger
 * one instead of bridging them; it merges events only when their chains agree (the same loop on
 * both sides of a quiet hour).
 */
export function groupMembers(members: IncidentMember[]): number[][] {
  const hourDays = new Set(
    members.filter((m) => m.anomaly.hour).map((m) => `${m.anomaly.direction}|${m.anomaly.date}`),
  );
  const order = members
    .map((_, i) => i)
    .sort((a, b) => specificity(members[b]) - specificity(members[a]) || a - b);
  let groups: Group[] = [];
  for (const i of order) {
    const m = members[i];
    const touching = groups.filter(
      (g) =>
        compatibleChains(m.chain, g.chain) &&
        g.idx.some((j) => adjacent(m.anomaly, members[j].anomaly, hourDays)),
    );
    const size = Math.abs(m.anomaly.impactUsd);
    if (touching.length === 0) {
      groups.push({ idx: [i], chain: m.chain, impact: size });
      continue;
    }
    const agree = touching.every((g) => touching.every((h) => compatibleChains(g.chain, h.chain)));
    const into = agree ? touching : [touching.reduce((a, b) => (b.impact > a.impact ? b : a))];
    const merged: Group = {
      idx: [...into.flatMap((g) => g.idx), i],
      chain: [],
      impact: into.reduce((s, g) => s + g.impact, size),
    };
    merged.chain = agreedChain(merged.idx.map((j) => members[j].chain));
    groups = [...groups.filter((g) => !into.includes(g)), merged];
  }
  return groups.map((g) => g.idx.sort((a, b) => a - b));
}
