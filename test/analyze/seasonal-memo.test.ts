import { describe, expect, it } from "vitest";
import { fitSeasonal } from "../../src/analyze/seasonal.js";
import { fitSeasonalMemo, rememberedFits } from "../../src/analyze/seasonal-memo.js";
import type { Series } from "../../src/analyze/stats.js";
import { prng } from "../../tools/anomaly-eval-data.js";

/** A daily-seasonal hourly series with gaps, seeded. */
function series(seed: number, n: number): Series {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) =>
    rand() < 0.1 ? null : 100 * (1 + (i % 24 >= 8 && i % 24 <= 18 ? 0.5 : 0)) * (0.9 + 0.2 * rand()),
  );
}

describe("fitSeasonalMemo: the fit of exactly these inputs, remembered", () => {
  it("returns what fitSeasonal returns, for series with gaps, cold starts and every option", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const values = series(seed, 200 + seed * 12);
      const opts = seed % 2 ? { minCycles: 2 } : undefined;
      expect(fitSeasonalMemo(values, 24, opts)).toEqual(fitSeasonal(values, 24, opts));
      // The second time from the memo: still the same fit.
      expect(fitSeasonalMemo([...values], 24, opts)).toEqual(fitSeasonal(values, 24, opts));
    }
  });

  it("tells apart inputs that differ only in a missing bucket, a zero, a sign, the period or the options", () => {
    const base = series(99, 240);
    const variants: [Series, number, object | undefined][] = [
      [base, 24, undefined],
      [base.map((v, i) => (i === 200 ? null : v)), 24, undefined],
      [base.map((v, i) => (i === 200 ? 0 : v)), 24, undefined],
      [base.map((v, i) => (i === 201 ? null : v)), 24, undefined],
      [base.map((v, i) => (i === 239 ? (v ?? 0) * 3 : v)), 24, undefined],
      [base, 12, undefined],
      [base, 24, { levelWindow: 24 }],
    ];
    for (const [values, period, opts] of variants) fitSeasonalMemo(values, period, opts);
    for (const [values, period, opts] of variants)
      expect(fitSeasonalMemo(values, period, opts)).toEqual(fitSeasonal(values, period, opts));
  });

  it("stays bounded and right past its capacity", () => {
    for (let seed = 1000; seed < 5200; seed++) fitSeasonalMemo(series(seed, 200), 24);
    expect(rememberedFits()).toBeLessThanOrEqual(4000);
    const values = series(1000, 200);
    expect(fitSeasonalMemo(values, 24)).toEqual(fitSeasonal(values, 24));
  });

  it("computes directly when asked not to remember (more fits than it holds would only churn)", () => {
    const before = rememberedFits();
    const values = series(7, 240);
    expect(fitSeasonalMemo(values, 24, undefined, false)).toEqual(fitSeasonal(values, 24));
    expect(rememberedFits()).toBe(before);
    // Remembered: the same fit object comes back; computed directly: a new one.
    const kept = fitSeasonalMemo(values, 24);
    expect(fitSeasonalMemo(values, 24)).toBe(kept);
    expect(fitSeasonalMemo(values, 24, undefined, false)).not.toBe(kept);
  });
});
