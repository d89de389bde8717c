import { billedIncident, hourIncident, metricsGap } from "./slack-incident-fixtures.js";

export { billedIncident, hourIncident, metricsGap };
/**
 * Literal capability outputs for Block Kit snapshots and job flows. Tests read them through
 * `outputOf` (slack-deps.ts), which checks each against the tool's real output schema.
 */

export const provenance = {
  source: "mixed" as const,
  billedThrough: "2026-11-24",
  estimatedFrom: "2026-11-25",
  lastCollectedAt: "2026-11-26T11:05:00Z",
  coverage: { principalPct: 92.5, taggedPct: 60 },
};

export const spendByModel = {
  from: "2026-11-20",
  to: "2026-11-26",
  currency: "USD",
  groupBy: ["model"],
  source: "auto",
  totalCostUsd: 1234.5678,
  totalTokens: 1_250_000_000,
  unpricedTokens: 0,
  rows: [
    {
      model: "Claude Sonnet 4.6",
      costUsd: 800.25,
      tokens: 250_000_000,
      share: 800.25 / 1234.5678,
      unpricedTokens: 0,
    },
    {
      model: "Nova Pro",
      costUsd: 300.3178,
      tokens: 400_000_000,
      share: 300.3178 / 1234.5678,
      unpricedTokens: 0,
    },
    { model: "Llama 3.1 8B", costUsd: 134, tokens: 600_000_000, share: 134 / 1234.5678, unpricedTokens: 0 },
  ],
  rowCount: 3,
  truncated: false,
  otherCostUsd: 0,
  topModel: { model: "Claude Sonnet 4.6", costUsd: 800.25 },
  credits: { creditsUsd: -50, refundsUsd: 0, discountsUsd: -12.5, taxUsd: 3.2 },
  provenance,
};

export const anomaly = {
  id: "anom-2026-11-22-principal-bob",
  date: "2026-11-22",
  granularity: "day",
  dimension: "principal",
  key: "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com",
  direction: "spike" as const,
  actualUsd: 1450.5,
  expectedUsd: 120.25,
  impactUsd: 1330.25,
  score: 9.8,
  source: "billed",
  baseline: "seasonal",
  drivers: [{ dimension: "model", key: "Claude Sonnet 4.6", impactUsd: 1300.1 }],
  incidentId: "inc-spike-2026-11-22-bob",
};

export const anomalies = {
  from: "2026-11-20",
  to: "2026-11-26",
  notes: [],
  anomalies: [
    anomaly,
    {
      ...anomaly,
      id: "anom-2026-11-25-model-nova",
      date: "2026-11-25",
      dimension: "model",
      key: "Nova Pro",
      direction: "drop" as const,
      actualUsd: 10,
      expectedUsd: 90,
      impactUsd: -80,
      score: 4.1,
      source: "estimated",
      drivers: [],
      incidentId: null,
    },
  ],
  incidents: [billedIncident, hourIncident],
  dataGaps: [metricsGap],
  coverage: [],
};

export const budgets = {
  month: "2026-11",
  asOf: "2026-11-26",
  budgets: [
    {
      name: "all-bedrock",
      month: "2026-11",
      state: "current",
      scope: {},
      limitUsd: 10_000,
      actualUsd: 8_500,
      billedUsd: 8_000,
      estimatedUsd: 500,
      pctUsed: 85,
      forecastUsd: 10_400,
      forecastLowUsd: 9_800,
      forecastHighUsd: 11_000,
      thresholds: [
        { threshold: 0.5, crossedByActual: true, crossedByForecast: true },
        { threshold: 0.8, crossedByActual: true, crossedByForecast: true },
        { threshold: 1, crossedByActual: false, crossedByForecast: true },
      ],
      exhaustedOn: "2026-11-29",
    },
    {
      name: "search-team",
      month: "2026-11",
      state: "current",
      scope: { tag: { key: "team", value: "search" } },
      limitUsd: 5_000,
      actualUsd: 1_000,
      billedUsd: 900,
      estimatedUsd: 100,
      pctUsed: 20,
      forecastUsd: 1_200,
      forecastLowUsd: 1_100,
      forecastHighUsd: 1_300,
      thresholds: [{ threshold: 0.5, crossedByActual: false, crossedByForecast: false }],
      exhaustedOn: null,
    },
  ],
};

export const forecast = {
  asOf: "2026-11-26",
  groupBy: [],
  rows: [
    {
      key: "total",
      monthToDateUsd: 8_500,
      monthEndUsd: 10_400,
      monthEndLowUsd: 9_800,
      monthEndHighUsd: 11_000,
      nextMonthUsd: 10_900,
      nextMonthLowUsd: 9_900,
      nextMonthHighUsd: 12_000,
      method: "seasonal",
      historyDays: 60,
    },
  ],
};

export const lifecycle = {
  asOf: "2026-11-26",
  models: [
    {
      model: "Claude 3.5 Sonnet v2",
      modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0",
      status: "LEGACY",
      legacyTime: "2026-08-01T00:00:00Z",
      publicExtendedAccessTime: "2026-11-01T00:00:00Z",
      endOfLifeTime: "2026-12-10T00:00:00Z",
      nextDate: "2026-12-10T00:00:00Z",
      nextEvent: "end_of_life",
      daysUntilNext: 14,
      spendLast30dUsd: 412.5,
      accounts: ["111111111111"],
      principals: [],
    },
  ],
};

export const idle = {
  lookbackDays: 14,
  maxUtilizationPct: 10,
  idleCostUsd: 6_838.5,
  items: [
    {
      provisionedModelArn: "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6",
      name: "nova-pro-reserved-capacity",
      accountId: "111111111111",
      region: "us-east-1",
      model: "Nova Pro",
      modelUnits: 1,
      commitment: null,
      commitmentExpiresAt: null,
      utilizationPct: 3.6,
      lookbackHours: 336,
      idleHours: 324,
      hourlyUsd: 21.1065,
      invocations: 42,
      idleCostUsd: 6_838.5,
      recommendation: "Delete it: used in 3.6% of hours over 14 days",
    },
  ],
};

export const status = {
  ok: false,
  asOf: "2026-11-26T12:00:00Z",
  accounts: [
    {
      accountId: "111111111111",
      accountName: "prod",
      status: "missing",
      steps: [
        { id: "role_assumable", status: "ok", detail: "assumed BedrockSpendReadOnly", fix: "" },
        {
          id: "invocation_logging",
          region: "us-east-1",
          status: "missing",
          detail: "model invocation logging is off",
          fix: "enable metadata-only logging to S3",
        },
      ],
    },
  ],
};
