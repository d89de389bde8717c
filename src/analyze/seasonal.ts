import { adoptLevelShift, type ShiftOptions } from "./level-shift.js";
import { seasonalFactors } from "./seasonal-factors.js";
import { seasonalDiffSigma } from "./seasonal-noise.js";
import type { Series } from "./stats.js";
import { MAD_TO_SIGMA, mad, mean, median, quantile, theilSenSlope } from "./stats.js";

/**
 * A robust seasonal level × trend model of a bucketed cost series (days with a 7-day season,
 * hours with a 24-hour season). Pure: values in, model out. `null` is a missing bucket (no data),
 * never a zero. Used one step ahead by anomaly detection and many steps ahead by the forecast.
 */

export interface SeasonalFit {
  /** `seasonal` once there are ≥ minCycles of history; `cold` = global median/MAD only. */
  mode: "seasonal" | "cold";
  period: number;
  /** Multiplicative factor per phase (index mod period), mean 1; all 1 in cold mode. */
  factors: number[];
  /** Deseasonalized level at index `ref`. */
  level: number;
  ref: number;
  /** Deseasonalized change per bucket (Theil–Sen over cycle medians); 0 in cold mode. */
  slope: number;
  /** Robust sigma of one deseasonalized bucket. */
  sigma: number;
  /** Points the level was estimated from (its own error shrinks with more). */
  levelPoints: number;
  /** Points behind sigma. */
  sigmaPoints: number;
  /** Fewest ratios behind any phase factor (its own error shrinks with more). */
  factorPoints: number;
  /** Points of history used. */
  points: number;
  /**
   * When a level shift was adopted: the level of the window before it. A bucket back at that level
   * right after a shift is the shift ending (a loop that stopped), not a new anomaly.
   */
  preShiftLevel?: number;
}

export interface FitOptions {
  /** Full cycles of history needed for seasonal mode (default 3: < 3 weeks of days is cold start). */
  minCycles?: number;
  /** Recent buckets the level is taken from (default: one period). */
  levelWindow?: number;
  /** Minimum points for any fit (default 4). */
  minPoints?: number;
  /** Relative sigma floor, as a fraction of the level (default 0.02). */
  relFloor?: number;
  /** Level-shift adoption (default: 3 days in a row). */
  shift?: ShiftOptions;
}

const ABS_FLOOR_USD = 0.01;
/**
 * The scale is itself estimated (a MAD of n points is off by ~1.2/√n), so "z with an estimated
 * sigma" has heavier tails than a normal z. Widening sigma by 2/√n (tuned with tools/anomaly-eval.ts)
 * keeps seasonal + growth + noise series at ~0 false alerts for a 3.5 bar.
 */
const SIGMA_DOUBT = 2;

/** Fits the model on `values[0..n-1]`; returns null when there are too few points. */
export function fitSeasonal(values: Series, period: number, opts: FitOptions = {}): SeasonalFit | null {
  const minCycles = opts.minCycles ?? 3;
  const present = values.flatMap((v, i) => (v === null ? [] : [i]));
  if (present.length < (opts.minPoints ?? 4)) return null;
  const seasonal = period > 1 ? seasonalFactors(values, period) : { factors: [1], minRatios: present.length };
  const span = values.length - present[0];
  if (!seasonal || span < minCycles * period) return coldFit(values, period, present, opts);
  const { factors } = seasonal;

  const d = values.map((v, i) => (v === null || factors[i % period] <= 0 ? null : v / factors[i % period]));
  const slope = trendSlope(d, period);
  const ref = values.length - 1;
  const window = opts.levelWindow ?? 2 * period;
  const recent: number[] = [];
  for (let i = ref; i >= 0 && recent.length < window && ref - i < 2 * window; i--) {
    const x = d[i];
    if (x !== null) recent.push(x - slope * (i - ref));
  }
  if (recent.length < 2) return coldFit(values, period, present, opts);
  const windowLevel = median(recent);
  const shift = adoptLevelShift(d, slope, ref, seasonalDiffSigma(d, period, windowLevel).sigma, opts.shift);
  const level = shift?.level ?? windowLevel;
  const noise = seasonalDiffSigma(d, period, level);
  const sigma = Math.max(noise.sigma, (opts.relFloor ?? 0.02) * Math.abs(level));
  return {
    mode: "seasonal",
    period,
    factors,
    level,
    ref,
    slope,
    sigma: Math.max(sigma, ABS_FLOOR_USD),
    levelPoints: shift?.points ?? recent.length,
    sigmaPoints: noise.points,
    factorPoints: seasonal.minRatios,
    points: present.length,
    ...(shift ? { preShiftLevel: windowLevel } : {}),
  };
}

/** Expected value at `index` (≥ 0 by construction: spend is never negative). */
export function predict(fit: SeasonalFit, index: number): number {
  const base = fit.level + fit.slope * (index - fit.ref);
  return Math.max(0, base * fit.factors[index % fit.period]);
}

/**
 * Robust sigma of the value at `index`: noise scales with the seasonal factor (a quiet Sunday is
 * less noisy in dollars than a busy Tuesday), floored so an all-zero phase still has a scale, and
 * inflated for the error of the level and factor estimates themselves (median of k points: ≈ 1.57 σ²/k).
 */
export function sigmaAt(fit: SeasonalFit, index: number): number {
  const f = factorUpper(fit, index);
  return (
    fit.sigma * f * Math.sqrt(1 + estimationVariance(fit)) * (1 + SIGMA_DOUBT / Math.sqrt(fit.sigmaPoints))
  );
}

/**
 * The phase factor one standard error up. Noise is scaled by the factor, so a factor estimated
 * too low would shrink the expected value and its sigma together, and an ordinary day on a noisy
 * series would score twice over; the upper value keeps the scale honest.
 */
function factorUpper(fit: SeasonalFit, index: number): number {
  const f = Math.max(fit.factors[index % fit.period], 0.1);
  if (!(fit.level > 0) || fit.mode === "cold") return f;
  return f + (fit.sigma / fit.level) * Math.sqrt(1.57 / Math.max(1, fit.factorPoints));
}

/** One standard error of `predict(fit, index)` itself (level and factor estimates), in USD. */
export function expectedErrorAt(fit: SeasonalFit, index: number): number {
  return fit.sigma * Math.max(fit.factors[index % fit.period], 0.1) * Math.sqrt(estimationVariance(fit));
}

function estimationVariance(fit: SeasonalFit): number {
  return 1.57 / Math.max(1, fit.levelPoints) + 1.57 / Math.max(1, fit.factorPoints);
}

function coldFit(values: Series, period: number, present: number[], opts: FitOptions): SeasonalFit {
  const xs = present.map((i) => values[i] as number);
  const level = median(xs);
  // Sparse keys (mostly $0, sometimes $50) and weekday patterns have a tiny MAD: the 85th
  // percentile of deviations (1.44 σ for normal data) keeps ordinary days from alerting while an
  // old one-off spike (< 15% of days) does not widen the scale.
  const devs = xs.map((x) => Math.abs(x - level));
  const sigma = Math.max(
    MAD_TO_SIGMA * mad(xs),
    quantile(devs, 0.85) / 1.44,
    (opts.relFloor ?? 0.02) * Math.abs(level),
    ABS_FLOOR_USD,
  );
  return {
    mode: "cold",
    period,
    factors: new Array(period).fill(1),
    level,
    ref: values.length - 1,
    slope: 0,
    sigma,
    levelPoints: xs.length,
    sigmaPoints: xs.length,
    factorPoints: Number.POSITIVE_INFINITY,
    points: xs.length,
  };
}

/** Theil–Sen slope over per-cycle medians of the deseasonalized series (cycles end at the last bucket). */
function trendSlope(d: Series, period: number): number {
  const points: { x: number; y: number }[] = [];
  for (let end = d.length - 1; end - period + 1 >= 0; end -= period) {
    const xs: number[] = [];
    const idx: number[] = [];
    for (let i = end - period + 1; i <= end; i++) {
      const v = d[i];
      if (v !== null) {
        xs.push(v);
        idx.push(i);
      }
    }
    if (xs.length >= Math.ceil(period / 2)) points.push({ x: mean(idx), y: median(xs) });
  }
  return points.length >= 2 ? theilSenSlope(points) : 0;
}
