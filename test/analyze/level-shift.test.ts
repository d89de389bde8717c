import { describe, expect, it } from "vitest";
import { adoptLevelShift } from "../../src/analyze/level-shift.js";
import { fitSeasonal } from "../../src/analyze/seasonal.js";
import { prng } from "../../tools/anomaly-eval-data.js";

/** A flat $100/day series with ±5% seeded noise. */
function flat(days: number, seed = 3): number[] {
  const rand = prng(seed);
  return Array.from({ length: days }, () => 100 * (1 + 0.1 * (rand() - 0.5)));
}

describe("adoptLevelShift", () => {
  it("adopts a step up after three days and a step down after four", () => {
    const up = [...flat(40), 300, 310, 295];
    expect(adoptLevelShift(up, 0, up.length - 1, 3)?.level).toBeCloseTo(300, 0);
    expect(adoptLevelShift(up, 0, up.length - 1, 3)?.points).toBe(3);
    const down = [...flat(40), 30, 31, 29, 30];
    expect(adoptLevelShift(down, 0, down.length - 1, 3)).toEqual({ level: 30, points: 4 });
  });

  it("takes the whole run since the step, skipping missing days", () => {
    const values = [...flat(40), 250, null, 260, 255, null, 258, 262, 251];
    expect(adoptLevelShift(values, 0, values.length - 1, 3)?.points).toBe(6);
  });

  it.each([
    ["a one-day spike", [...flat(40), 400]],
    ["a two-day spike", [...flat(40), 400, 390]],
    ["two spikes two days apart", [...flat(40), 400, 101, 390]],
    ["a step too small to be sure (1.3×)", [...flat(40), 130, 131, 129, 130]],
    ["an ordinary series", flat(50)],
  ])("ignores %s", (_, values) => {
    expect(adoptLevelShift(values, 0, values.length - 1, 3)).toBeNull();
  });

  it("moves the fitted level at once instead of after a week", () => {
    const values = [...flat(42), 300, 305, 298, 302];
    const fit = fitSeasonal(values, 7);
    expect(fit?.mode).toBe("seasonal");
    expect(fit?.level).toBeGreaterThan(280);
    expect(fitSeasonal(values.slice(0, 44), 7)?.level).toBeLessThan(110);
  });
});
