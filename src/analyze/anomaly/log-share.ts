import { median } from "../stats.js";

/**
 * Hourly principal series come from invocation logs, which see a share of the metered spend (a
 * sample, or only some callers). An hour where that share jumps above its usual level is a change
 * in logging (turned on, more callers logged), not in spend: its principal spikes are not trusted.
 * `logUsd` and `meteredUsd` cover the same account/regions. Pure.
 */

/** How far above its usual level the logged share may rise before an hour is a logging change. */
const JUMP_RATIO = 1.5;
const JUMP_SLACK = 0.02;

export function logShareJumps(
  logUsd: readonly number[],
  meteredUsd: readonly number[],
  evalFrom: number,
  historyBuckets: number,
): boolean[] {
  const ratio = logUsd.map((l, i) => (meteredUsd[i] > 0 ? l / meteredUsd[i] : null));
  const history = ratio
    .slice(Math.max(0, evalFrom - historyBuckets), evalFrom)
    .filter((r): r is number => r !== null);
  const usual = history.length ? median(history) : 0;
  return ratio.map((r) => r !== null && r > JUMP_RATIO * usual + JUMP_SLACK);
}
