import type { Confidence, SavingsKind } from "../../domain/savings.js";
import type { PriceBook } from "../../prices/lookup.js";

/** Where an opportunity applies; a field that does not apply is null. */
export interface SavingsScope {
  account: string | null;
  accountName: string | null;
  region: string | null;
  model: string | null;
  principal: string | null;
  resourceId: string | null;
}

export interface EvidenceItem {
  label: string;
  value: number;
  unit: "tokens" | "USD" | "USD per 1M tokens" | "hours" | "share" | "invocations" | "days";
}

/** The numbers an opportunity was computed from, and the computation written out with them. */
export interface Evidence {
  items: EvidenceItem[];
  arithmetic: string;
}

/** One opportunity before overlaps and the total are decided. */
export interface Candidate {
  id: string;
  kind: SavingsKind;
  title: string;
  scope: SavingsScope;
  windowSavingsUsd: number;
  basisUsd: number;
  confidence: Confidence;
  assumptions: string[];
  evidence: Evidence;
  action: string[];
  /** First day the saving can be had (a commitment's end); null = now. */
  actionableFrom: string | null;
  /** The token cells (or resources) it changes: two candidates that share one overlap. */
  footprint: string[];
}

export interface Opportunity extends Omit<Candidate, "footprint"> {
  monthlySavingsUsd: number;
  overlapsWith: string[];
  /** Whether totalMonthlyUsd counts it (the larger of overlapping opportunities is counted). */
  countedInTotal: boolean;
}

/** What every kind reads: prices in effect on `priceDay`, the window's length, the assumed shares. */
export interface SavingsContext {
  prices: PriceBook;
  priceDay: string;
  days: number;
  assumedCacheHitShare: number;
  assumedShiftableShare: number;
}

export const MONTH_DAYS = 30;
