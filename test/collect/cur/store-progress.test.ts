import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { countingStored } from "../../../src/collect/cur/store-progress.js";
import type { Progress } from "../../../src/util/progress.js";

function recorder(): Progress & { lines: string[]; at: number[] } {
  const lines: string[] = [];
  const at: number[] = [];
  return {
    lines,
    at,
    update: (t) => {
      lines.push(t);
      at.push(performance.now());
    },
    done: () => {},
  };
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
    const storingAt = progress.at.filter((_, i) => progress.lines[i].startsWith("2026-11: storing "));
    const storing = progress.lines.filter((l) => l.startsWith("2026-11: storing "));
    // 6 chunks over at least 0.66 s: redrawn at least once, never twice within a quarter second
    // (timed, so a slow machine that stretches the sleeps cannot fail it), counts rising.
    expect(storing.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < storingAt.length; i++)
      expect(storingAt[i] - storingAt[i - 1]).toBeGreaterThanOrEqual(249);
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
