import type { Progress } from "../../util/progress.js";

/**
 * Counts the cost rows while the store consumes them and shows how far it is: at 8 M lines the
 * store phase takes longer than reading, and a counter frozen on "rows read" looks like a hang.
 * Redraws at most every quarter second; when the last row is taken, says what remains (index
 * rebuild, rollup, commit), which takes seconds of its own.
 */
export async function* countingStored(
  rows: AsyncIterable<unknown[]>,
  opts: {
    period: string;
    total: number;
    width: number;
    progress?: Progress;
    /** Milliseconds; tests pass their own so the throttle is checked without real sleeps. */
    clock?: () => number;
  },
): AsyncGenerator<unknown[]> {
  const { period, total, width, progress, clock = () => performance.now() } = opts;
  const t0 = clock();
  let stored = 0;
  let shown = t0; // the first redraw after a quarter second, when the rate means something
  for await (const chunk of rows) {
    yield chunk;
    stored += chunk.length / width;
    const now = clock();
    if (progress && now - shown >= 250) {
      shown = now;
      const perSec = Math.round(stored / Math.max((now - t0) / 1000, 0.001));
      progress.update(
        `${period}: storing ${stored.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} cost rows (${perSec.toLocaleString("en-US")} rows/s)`,
      );
    }
  }
  progress?.update(
    `${period}: ${stored.toLocaleString("en-US")} cost rows written; indexing, rollup and commit`,
  );
}
