import type { FitOptions } from "../seasonal.js";

/** Vocabulary of anomaly findings (docs/architecture.md §6 detect_anomalies). */

export const ANOMALY_DIMENSIONS = ["total", "model", "account", "principal", "region"] as const;
export type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

/** Dimensions a driver can be named in (token_type explains "what kind of tokens grew"). */
export const DRIVER_DIMENSIONS = ["model", "account", "principal", "region", "token_type"] as const;
export type DriverDimension = (typeof DRIVER_DIMENSIONS)[number];

export type Granularity = "day" | "hour";
export type CostSource = "billed" | "estimated";

export interface Driver {
  dimension: DriverDimension;
  key: string | null;
  impactUsd: number;
}

export interface Anomaly {
  id: string;
  /** UTC day of the bucket, YYYY-MM-DD. */
  date: string;
  /** Hour bucket YYYY-MM-DDTHH:00Z (hourly findings only). */
  hour?: string;
  granularity: Granularity;
  dimension: AnomalyDimension;
  key: string | null;
  direction: "spike" | "drop";
  actualUsd: number;
  expectedUsd: number;
  impactUsd: number;
  /** Robust z-score magnitude: |actual − expected| / robust sigma. */
  score: number;
  source: CostSource;
  /** `seasonal` baseline or `cold` start (short history; a higher score bar applied). */
  baseline: "seasonal" | "cold";
  drivers: Driver[];
}

export interface AnomalyOptions {
  /** Robust score bar (config anomaly.minScore, default 3.5). */
  minScore: number;
  /** Dollar bar on |impact| (config anomaly.minImpactUsd, default 20). */
  minImpactUsd: number;
  /** Added to minScore in cold-start mode (default 2). */
  coldStartScoreBonus?: number;
  /**
   * A spike must be at least this multiple of the expected value, a drop at most expected / this
   * (default 1.5): keeps ordinary noise days and small baseline errors from alerting.
   */
  minChangeRatio?: number;
  /** Cold start: a spike this many times every earlier same weekday/hour alerts (default 2.5). */
  coldSpikeRatio?: number;
}

/** Buckets per seasonal cycle and buckets of history a baseline is fitted on. */
export interface Season {
  period: number;
  historyBuckets: number;
  fit?: FitOptions;
}

/**
 * Hours: a loop of a few hours is an incident, not a new level. Adopting it after 3 hours would
 * report its end as a drop; 6 hours in a row far from the baseline make a shift.
 */
const HOURLY_FIT: FitOptions = { shift: { minRun: 6, maxRun: 48 } };

/** Season and history window per bucket size: weekday seasonality for days, hour-of-day for hours. */
export const GRANULARITY_SETTINGS: Record<Granularity, Season> = {
  day: { period: 7, historyBuckets: 70 },
  hour: { period: 24, historyBuckets: 24 * 14, fit: HOURLY_FIT },
};

/**
 * Hours with 3+ weeks of history: hour-of-week seasonality (168 phases over 4 weeks), so a quiet
 * weekend is not a drop and Monday 9:00 not a spike, as they would be against hour-of-day alone.
 */
export const HOUR_OF_WEEK: Season = { period: 24 * 7, historyBuckets: 24 * 7 * 4, fit: HOURLY_FIT };
