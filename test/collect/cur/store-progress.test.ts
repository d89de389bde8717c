import { describe, expect, it } from "vitest";
import { countingStored } from "../../../src/collect/cur/store-progress.js";
import type { Progress } from "../../../src/util/progress.js";

function recorder(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return { lines, update: (t) => lines.push(t), done: () => {} };
}

/** A manual clock: each chunk advances it by the given milliseconds before it is yielded. */
function clocked(steps: number[], rowsPerChunk: number, width: number) {
  const clock = { now: 0 };
  async function* chunks() {
    for (const [c, ms] of steps.entries()) {
      clock.now += ms;
      yield Array.from({ length: rowsPerChunk * width }, (_, i) => c * 1000 + i);
    }
  }
  return { clock, chunks: chunks() };
}

describe("countingStored", () => {
  it("passes every chunk through unchanged and redraws at most every quarter second, counts rising", async () => {
    const progress = recorder();
    // Chunks taken at 100, 200, 300, 400, 700, 710 and 1000 ms.
    const { clock, chunks } = clocked([100, 100, 100, 100, 300, 10, 290], 10, 3);
    const seen: unknown[][] = [];
    for await (const chunk of countingStored(chunks, {
      period: "2026-11",
      total: 70,
      width: 3,
      progress,
      clock: () => clock.now,
    }))
      seen.push(chunk);
    expect(seen).toHaveLength(7);
    expect(seen[6][0]).toBe(6000);
    // Redrawn after the chunk at 300 ms (first quarter second past), at 700 ms, not at 710 ms,
    // and at 1000 ms; the rate is rows over elapsed seconds.
    expect(progress.lines).toEqual([
      "2026-11: storing 30 of 70 cost rows (100 rows/s)",
      "2026-11: storing 50 of 70 cost rows (71 rows/s)",
      "2026-11: storing 70 of 70 cost rows (70 rows/s)",
      "2026-11: 70 cost rows written; indexing, rollup and commit",
    ]);
  });

  it("shows nothing without a progress and still yields everything", async () => {
    let rows = 0;
    const { chunks } = clocked([1, 1, 1], 2, 4);
    for await (const chunk of countingStored(chunks, { period: "p", total: 6, width: 4 }))
      rows += chunk.length / 4;
    expect(rows).toBe(6);
  });
});
