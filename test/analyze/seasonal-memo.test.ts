import { describe, expect, it } from "vitest";
import { fitSeasonal } from "../../src/analyze/seasonal.js";
import { fitSeasonalMemo, rememberedFits } from "../../src/analyze/seasonal-memo.js";
import type { Series } from "../../src/analyze/stats.js";
import { prng } from "../../tools/anomaly-eval-data.js";

/** A weekly-seasonal daily series with gaps, seeded. */
function series(seed: number, n: number): Series {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) =>
    rand() < 0.1 ? null : 100 * (1 + (i % 7 === 0 ? 0.5 : 0)) * (0.9 + 0.2 * rand()),
  );
}

describe("fitSeasonalMemo: the fit of exactly these inputs, remembered", () => {
  it("returns what fitSeasonal returns, for series with gaps, cold starts and every option", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const values = series(seed, 5 + seed * 2);
      const opts = seed % 2 ? { minCycles: 2 } : undefined;
      expect(fitSeasonalMemo(values, 7, opts)).toEqual(fitSeasonal(values, 7, opts));
      // The second time from the memo: still the same fit.
      expect(fitSeasonalMemo([...values], 7, opts)).toEqual(fitSeasonal(values, 7, opts));
    }
  });

  it("tells apart inputs that differ only in a missing bucket, a zero, a sign, the period or the options", () => {
    const base = series(99, 40);
    const variants: [Series, number, object | undefined][] = [
      [base, 7, undefined],
      [base.map((v, i) => (i === 20 ? null : v)), 7, undefined],
      [base.map((v, i) => (i === 20 ? 0 : v)), 7, undefined],
      [base.map((v, i) => (i === 21 ? null : v)), 7, undefined],
      [base, 5, undefined],
      [base, 7, { levelWindow: 7 }],
      [base.map((v, i) => (i === 39 ? (v ?? 0) * 3 : v)), 7, undefined],
    ];
    for (const [values, period, opts] of variants) fitSeasonalMemo(values, period, opts);
    for (const [values, period, opts] of variants)
      expect(fitSeasonalMemo(values, period, opts)).toEqual(fitSeasonal(values, period, opts));
  });

  it("stays bounded and right past its capacity", () => {
    for (let seed = 1000; seed < 6000; seed++) fitSeasonalMemo(series(seed, 30), 7);
    expect(rememberedFits()).toBeLessThanOrEqual(4000);
    const values = series(1000, 30);
    expect(fitSeasonalMemo(values, 7)).toEqual(fitSeasonal(values, 7));
  });
});
