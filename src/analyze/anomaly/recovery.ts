import { agreedChain, compatibleChains } from "./chain.js";
import { type IncidentMember, MAX_HOUR_GAP } from "./incident-group.js";

/**
 * A drop that starts right after a spike of the same model/account/region, back at (or above) the
 * level the spike started from, is that spike ending, not an event of its own: a loop that ran long
 * enough (6 hours, 3 days) became the baseline, so its end reads as a drop. Such drops join the
 * spike's incident (which has ended). Pure.
 */

export interface GroupSpan {
  ms: IncidentMember[];
  direction: "spike" | "drop";
  granularity: "day" | "hour";
  /** First and last counted bucket (hour label or day). */
  start: string;
  last: string;
}

/** A drop may go this far below the spike's starting level and still be a return to it (the 1.5× rule). */
const RECOVERY_RATIO = 1.5;

const ms = (label: string) =>
  Date.parse(label.length > 10 ? `${label.slice(0, 13)}:00:00Z` : `${label}T00:00:00Z`);

function follows(drop: GroupSpan, spike: GroupSpan): boolean {
  if (drop.granularity !== spike.granularity) return false;
  const gap = ms(drop.start) - ms(spike.last);
  const limit = drop.granularity === "hour" ? MAX_HOUR_GAP * 3_600_000 : 86_400_000;
  return gap > 0 && gap <= limit;
}

/** Every drop view is at least the spike's pre-spike expectation of the same series, over the ratio. */
function backToLevel(drop: GroupSpan, spike: GroupSpan): boolean {
  const firstSpike = spike.ms.filter((m) => (m.anomaly.hour ?? m.anomaly.date) === spike.start);
  let paired = 0;
  for (const d of drop.ms) {
    const before = firstSpike.find(
      (s) => s.anomaly.dimension === d.anomaly.dimension && s.anomaly.key === d.anomaly.key,
    );
    if (!before) continue;
    paired++;
    if (d.anomaly.actualUsd * RECOVERY_RATIO < before.anomaly.expectedUsd) return false;
  }
  return paired > 0;
}

/** Index of each drop group that is a spike's recovery → index of that spike group. */
export function recoveries(groups: GroupSpan[]): Map<number, number> {
  const out = new Map<number, number>();
  groups.forEach((drop, i) => {
    if (drop.direction !== "drop") return;
    const dropChain = agreedChain(drop.ms.map((m) => m.chain));
    const j = groups.findIndex(
      (spike) =>
        spike.direction === "spike" &&
        follows(drop, spike) &&
        compatibleChains(dropChain, agreedChain(spike.ms.map((m) => m.chain))) &&
        backToLevel(drop, spike),
    );
    if (j >= 0) out.set(i, j);
  });
  return out;
}
