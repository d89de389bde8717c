import { addDays } from "../util/dates.js";
import type { DayRange } from "./vocabulary.js";

export type SpendSourceMode = "billed" | "estimated" | "auto";

export interface SpendSourcePlan {
  /** Days read from the CUR (`cost_daily`); absent when none. */
  billed?: DayRange;
  /** Days read from the estimates (`cost_estimate_daily`); absent when none. */
  estimated?: DayRange;
  source: "billed" | "estimated" | "mixed";
  /** First estimated day, null when nothing is estimated. */
  estimatedFrom: string | null;
}

/**
 * Which table answers which days (docs/architecture.md §5, "billed beats estimated"). `auto`: CUR rows for days
 * up to `billedThrough`, estimates after it; with no CUR at all everything is estimated.
 * `billed` / `estimated` read only that source over the whole range.
 */
export function planSpendSources(
  mode: SpendSourceMode,
  range: DayRange,
  billedThrough: string | null,
): SpendSourcePlan {
  if (mode === "billed") return { billed: range, source: "billed", estimatedFrom: null };
  if (mode === "estimated" || billedThrough === null || range.from > billedThrough) {
    return { estimated: range, source: "estimated", estimatedFrom: range.from };
  }
  if (range.to <= billedThrough) return { billed: range, source: "billed", estimatedFrom: null };
  const estimatedFrom = addDays(billedThrough, 1);
  return {
    billed: { from: range.from, to: billedThrough },
    estimated: { from: estimatedFrom, to: range.to },
    source: "mixed",
    estimatedFrom,
  };
}
