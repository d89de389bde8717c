import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { countingStored } from "../../../src/collect/cur/store-progress.js";
import type { Progress } from "../../../src/util/progress.js";

function recorder(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return { lines, update: (t) => lines.push(t), done: () => {} };
}

async function* slowChunks(chunks: number, rowsPerChunk: number, width: number, ms: number) {
  for (let c = 0; c < chunks; c++) {
    await sleep(ms);
    yield Array.from({ length: rowsPerChunk * width }, (_, i) => c * 1000 + i);
  }
}

describe("countingStored", () => {
  it("passes every chunk through unchanged and counts rows as the store takes them", async () => {
    const progress = recorder();
    const seen: unknown[][] = [];
    for await (const chunk of countingStored(slowChunks(6, 10, 3, 110), {
      period: "2026-11",
      total: 60,
      width: 3,
      progress,
    }))
      seen.push(chunk);
    expect(seen).toHaveLength(6);
    expect(seen[5][0]).toBe(5000);
    const storing = progress.lines.filter((l) => l.startsWith("2026-11: storing "));
    // Redrawn at most every quarter second: 6 chunks over ~0.66 s give 1-3 lines, counts rising.
    expect(storing.length).toBeGreaterThanOrEqual(1);
    expect(storing.length).toBeLessThanOrEqual(3);
    const counts = storing.map((l) => Number(/storing ([\d,]+) of 60/.exec(l)?.[1].replaceAll(",", "")));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.lines.at(-1)).toBe("2026-11: 60 cost rows written; indexing, rollup and commit");
  });

  it("shows nothing without a progress and still yields everything", async () => {
    let rows = 0;
    for await (const chunk of countingStored(slowChunks(3, 2, 4, 1), { period: "p", total: 6, width: 4 }))
      rows += chunk.length / 4;
    expect(rows).toBe(6);
  });
});
