import { z } from "zod";

/**
 * The parts of each capability's output (DESIGN §6) that Slack renders. Capabilities are built on
 * other branches, so their output is parsed here at the boundary: loose objects (extra fields are
 * fine) with the contract's field names.
 */

const usd = z.number();
const nullableUsd = z.number().nullable().optional();

export const provenanceView = z.looseObject({
  source: z.enum(["billed", "estimated", "mixed"]),
  billedThrough: z.string().nullable(),
  estimatedFrom: z.string().nullable(),
  lastCollectedAt: z.string().nullable(),
});
export type ProvenanceView = z.infer<typeof provenanceView>;

export const spendView = z.looseObject({
  from: z.string(),
  to: z.string(),
  totalCostUsd: usd,
  // costUsd is null for estimated rows whose tokens have no known price (never shown as $0).
  rows: z.array(
    z.looseObject({
      costUsd: z.number().nullable(),
      tokens: z.number().nullable().optional(),
      share: z.number().nullable(),
    }),
  ),
  unpricedTokens: z.number().optional(),
  otherCostUsd: nullableUsd,
  truncated: z.boolean().optional(),
  credits: z.looseObject({ creditsUsd: usd, refundsUsd: usd, discountsUsd: usd, taxUsd: usd }).optional(),
  provenance: provenanceView,
});
export type SpendView = z.infer<typeof spendView>;

// A null key (the total series, or an unattributed slice) becomes "" so it can key mutes and triage.
const seriesKey = z
  .string()
  .nullable()
  .transform((k) => k ?? "");

export const anomalyView = z.looseObject({
  id: z.string(),
  date: z.string(),
  hour: z.string().nullable().optional(),
  granularity: z.string(),
  dimension: z.string(),
  key: seriesKey,
  direction: z.enum(["spike", "drop"]),
  actualUsd: usd,
  expectedUsd: usd,
  impactUsd: usd,
  score: z.number(),
  source: z.string(),
  drivers: z.array(z.looseObject({ dimension: z.string(), key: seriesKey, impactUsd: usd })).default([]),
});
export type AnomalyView = z.infer<typeof anomalyView>;
export const anomaliesView = z.looseObject({ anomalies: z.array(anomalyView) });
export type AnomaliesView = z.infer<typeof anomaliesView>;

export const budgetView = z.looseObject({
  name: z.string(),
  limitUsd: usd,
  actualUsd: usd,
  forecastUsd: nullableUsd,
  thresholds: z.array(
    z.looseObject({ threshold: z.number(), crossedByActual: z.boolean(), crossedByForecast: z.boolean() }),
  ),
  exhaustedOn: z.string().nullable().optional(),
});
export type BudgetView = z.infer<typeof budgetView>;
export const budgetsView = z.looseObject({ month: z.string(), budgets: z.array(budgetView) });
export type BudgetsView = z.infer<typeof budgetsView>;

export const forecastView = z.looseObject({
  asOf: z.string(),
  rows: z.array(
    z.looseObject({
      key: z.string().nullable(),
      monthToDateUsd: usd,
      monthEndUsd: usd,
      monthEndLowUsd: nullableUsd,
      monthEndHighUsd: nullableUsd,
    }),
  ),
});
export type ForecastView = z.infer<typeof forecastView>;

export const idleView = z.looseObject({
  items: z.array(
    z.looseObject({
      name: z.string(),
      accountId: z.string(),
      region: z.string(),
      model: z.string().nullable(),
      modelUnits: z.number(),
      utilizationPct: z.number(),
      idleCostUsd: usd,
      recommendation: z.string(),
    }),
  ),
});
export type IdleView = z.infer<typeof idleView>;

export const lifecycleModelView = z.looseObject({
  model: z.string(),
  modelId: z.string().nullable(),
  status: z.string(),
  legacyTime: z.string().nullable().optional(),
  publicExtendedAccessTime: z.string().nullable().optional(),
  endOfLifeTime: z.string().nullable().optional(),
  spendLast30dUsd: z.number().optional(),
});
export type LifecycleModelView = z.infer<typeof lifecycleModelView>;
export const lifecycleView = z.looseObject({ models: z.array(lifecycleModelView) });
export type LifecycleView = z.infer<typeof lifecycleView>;

export const statusView = z.looseObject({
  ok: z.boolean(),
  accounts: z.array(
    z.looseObject({
      accountId: z.string(),
      steps: z.array(
        z.looseObject({
          id: z.string(),
          region: z.string().nullable().optional(),
          status: z.enum(["ok", "warning", "missing", "error"]),
          detail: z.string(),
          fix: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
});
export type StatusView = z.infer<typeof statusView>;
