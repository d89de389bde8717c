import { FIT_MEMO_CAPACITY } from "../seasonal-memo.js";
import type { Series } from "../stats.js";
import { expectedAt } from "./score.js";
import {
  type Driver,
  type DriverDimension,
  GRANULARITY_SETTINGS,
  type Granularity,
  type Season,
} from "./types.js";

/**
 * Which sub-series explain an anomaly: within the anomaly's slice (e.g. model = X), each key of
 * another dimension (principal, region, token type, account…) is compared with its own baseline;
 * the changes in the anomaly's direction, largest first, are the drivers. Pure.
 */

export interface DriverSlice {
  dimension: DriverDimension;
  series: { key: string | null; values: Series }[];
}

export interface DriverOptions {
  /** Drivers kept per dimension (default 2). */
  perDimension?: number;
  /** Drivers kept overall (default 5). */
  max?: number;
  /** A driver must explain at least this share of the impact (default 0.15). */
  minShare?: number;
  /** The season the anomaly was scored with (default: the granularity's). */
  season?: Season;
}

export function explainDrivers(
  index: number,
  impactUsd: number,
  granularity: Granularity,
  slices: DriverSlice[],
  opts: DriverOptions = {},
): Driver[] {
  return pickDrivers(driverChanges(index, impactUsd, granularity, slices, opts), opts);
}

/** Per slice, every key's change in the anomaly's direction of at least minShare × impact, largest first. */
export interface DimensionChanges {
  dimension: DriverDimension;
  changes: { key: string | null; change: number }[];
}

export function driverChanges(
  index: number,
  impactUsd: number,
  granularity: Granularity,
  slices: DriverSlice[],
  opts: DriverOptions = {},
): DimensionChanges[] {
  const { period, historyBuckets, fit } = opts.season ?? GRANULARITY_SETTINGS[granularity];
  const sign = Math.sign(impactUsd);
  const floor = Math.abs(impactUsd) * (opts.minShare ?? 0.15);
  const remember = slices.reduce((n, s) => n + s.series.length, 0) <= FIT_MEMO_CAPACITY / 4;
  return slices.map((slice) => ({
    dimension: slice.dimension,
    changes: slice.series
      // A spike's driver rose by ≥ floor, so it spent ≥ floor itself (expected ≥ 0): skip the fit otherwise.
      .filter((s) => sign < 0 || (s.values[index] ?? 0) >= floor)
      .map((s) => {
        // A key with no row in a bucket that has data is $0 there (this is a zero, not a gap).
        const actual = s.values[index] ?? 0;
        return {
          key: s.key,
          change: actual - expectedAt(s.values, index, period, historyBuckets, fit, remember),
        };
      })
      .filter((c) => Math.sign(c.change) === sign && Math.abs(c.change) >= floor)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change)),
  }));
}

export function pickDrivers(dims: DimensionChanges[], opts: DriverOptions = {}): Driver[] {
  const drivers: Driver[] = [];
  for (const d of dims) {
    for (const c of d.changes.slice(0, opts.perDimension ?? 2))
      drivers.push({ dimension: d.dimension, key: c.key, impactUsd: c.change });
  }
  return drivers.sort((a, b) => Math.abs(b.impactUsd) - Math.abs(a.impactUsd)).slice(0, opts.max ?? 5);
}
