import { highCardLines } from "./high-card.js";
import { buildPeriod, type PeriodSpec } from "./period.js";
import { createRng } from "./prng.js";
import type { GenLine, PeriodTruth } from "./types.js";

/**
 * The lines of one delivery: the demo org's hand-modelled lines (split hourly to reach `target`
 * lines at ~10% Bedrock), or with `high` cardinality those lines plus a large org's daily lines up
 * to 10% (high-card.ts), and how many non-Bedrock filler lines the writer adds. `truth` is complete
 * once `lines` has been consumed.
 */
export function deliveryLines(
  spec: Omit<PeriodSpec, "rng" | "split">,
  seed: number,
  target: number,
  high: boolean,
): { lines: Iterable<GenLine>; count: number; filler: number; truth: PeriodTruth } {
  let built = buildPeriod({ ...spec, split: 1, rng: createRng(seed) });
  const split = target && !high ? Math.max(1, (target * 0.1) / built.truth.bedrockUsageLines) : 1;
  if (split > 1) built = buildPeriod({ ...spec, split, rng: createRng(seed) });
  const wide = high ? Math.max(0, Math.round(target * 0.1) - built.truth.bedrockUsageLines) : 0;
  const count = built.lines.length + wide;
  const filler = target ? Math.max(0, target - count) : Math.max(200, built.truth.bedrockUsageLines);
  const more = wide
    ? highCardLines({ firstDay: spec.firstDay, lastDay: spec.lastDay, lines: wide, seed, truth: built.truth })
    : [];
  return { lines: concat(built.lines, more), count, filler, truth: built.truth };
}

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const p of parts) yield* p;
}
