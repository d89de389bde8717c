import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/collect/logs/rate-limit.js";

describe("createRateLimiter", () => {
  it("spaces calls 1/perSecond apart on an injected clock", async () => {
    let now = 1000;
    const starts: number[] = [];
    const limit = createRateLimiter(
      5,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    for (let i = 0; i < 6; i++) {
      await limit();
      starts.push(now);
    }
    expect(starts).toEqual([1000, 1200, 1400, 1600, 1800, 2000]);
  });

  it("does not wait when calls are already far apart", async () => {
    let now = 0;
    let slept = 0;
    const limit = createRateLimiter(
      5,
      () => now,
      async (ms) => {
        slept += ms;
      },
    );
    await limit();
    now += 1000;
    await limit();
    expect(slept).toBe(0);
  });

  it("holds 5 calls/s on the real clock", async () => {
    const limit = createRateLimiter(5);
    const t0 = performance.now();
    for (let i = 0; i < 4; i++) await limit();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(590);
  });
});
