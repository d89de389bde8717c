import { z } from "zod";
import { ANOMALY_DIMENSIONS, DRIVER_DIMENSIONS } from "../analyze/anomaly/types.js";
import { daySchema } from "./common.js";

export const anomalyInputSchema = z.strictObject({
  from: daySchema
    .optional()
    .describe("First evaluated day, inclusive, YYYY-MM-DD UTC. Default: 13 days before to"),
  to: daySchema.optional().describe("Last evaluated day, inclusive, YYYY-MM-DD UTC. Default: today"),
  dimension: z
    .enum(ANOMALY_DIMENSIONS)
    .optional()
    .describe("Series to check: total, model, account, principal or region (default: all of them)"),
  granularity: z
    .enum(["day", "hour"])
    .optional()
    .describe(
      "day (billed + estimated days) or hour (estimated hours; default the last 48 complete hours); default both",
    ),
  minImpactUsd: z
    .number()
    .min(0)
    .optional()
    .describe(
      "Minimum |actual − expected| in USD per bucket (day or hour) to report (default: config anomaly.minImpactUsd, 20)",
    ),
});

const driverSchema = z.object({
  dimension: z.enum(DRIVER_DIMENSIONS).describe("Dimension of the driver"),
  key: z
    .string()
    .nullable()
    .describe("Its value (model name, account id, principal ARN, region, token type)"),
  impactUsd: z.number().describe("Its own change vs its baseline that day, USD"),
});

const driverLinkSchema = z.object({
  dimension: z.string().describe('model, account, region, principal, or "tag:<key>"'),
  key: z.string().describe("Its value (model name, account id, region, principal ARN, tag value)"),
  label: z.string().optional().describe("Human name (account name, model display name)"),
});

const incidentSchema = z.object({
  id: z.string().describe("Stable id: direction + driver chain + start day (the same while hours are added)"),
  title: z
    .string()
    .describe('One line, e.g. "Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1, +$412 over 4 h"'),
  start: z.string().describe("YYYY-MM-DDTHH:00Z for hour-resolved events, YYYY-MM-DD for day-only ones"),
  end: z
    .string()
    .nullable()
    .describe("Last anomalous hour/day; null = ongoing (the latest evaluated bucket is still anomalous)"),
  peak: z.string().describe("Hour (or day) with the largest impact"),
  granularity: z.enum(["day", "hour"]).describe("hour when hours resolve the event, else day"),
  direction: z.enum(["spike", "drop"]).describe("Above or below the expected value"),
  impactUsd: z
    .number()
    .describe("Total impact of the event, counted once across total/account/region/model views"),
  actualUsd: z.number().describe("Spend of the event's series over its buckets, USD"),
  expectedUsd: z.number().describe("Baseline of the same buckets, USD"),
  source: z.enum(["billed", "estimated"]).describe("Whether the event's numbers are billed or estimated"),
  driverChain: z
    .array(driverLinkSchema)
    .describe("Most specific known chain: model → account → region → principal/tag"),
  hours: z.array(z.string()).describe("The anomalous hours (empty for day-only events)"),
  anomalyIds: z.array(z.string()).describe("The anomalies (every view, day and hour) that form it"),
});

const dataGapSchema = z.object({
  id: z.string().describe("Stable: account + region + source + since"),
  account: z.string().describe("AWS account id"),
  accountName: z.string().nullable().describe("Configured account name"),
  region: z.string().nullable().describe("null for account-level sources (cur)"),
  source: z.enum(["metrics", "logs", "cur", "inventory"]).describe("Which collection has no data"),
  since: z.string().describe("First day (YYYY-MM-DD) or instant with no data or failed collection"),
  reason: z.string().describe('e.g. "GetMetricData denied (AccessDenied) since 2026-11-30 09:05Z"'),
  fix: z.string().describe("What to do, naming the missing permission or action"),
});

const coverageSchema = z.object({
  dimension: z.enum(["total", "model", "account", "region", "principal"]).describe("Series dimension"),
  day: z.string().describe("Estimated day YYYY-MM-DD"),
  pct: z.number().nullable().describe("Share of the day's data present (0–1), null when unknown"),
  compared: z
    .enum(["full", "covered_part", "share", "skipped"])
    .describe(
      "full; covered_part = baseline restricted to covered account-regions; share = attributed share vs scaled baseline; skipped",
    ),
  note: z.string().describe("Why, in one line"),
});

export const anomalyOutputSchema = z.object({
  from: z.string().describe("First evaluated day"),
  to: z.string().describe("Last evaluated day"),
  anomalies: z.array(
    z.object({
      id: z.string().describe("Stable id of the finding (same day, series and direction → same id)"),
      date: z.string().describe("UTC day YYYY-MM-DD"),
      hour: z.string().optional().describe("Hour bucket YYYY-MM-DDTHH:00Z (hourly findings only)"),
      granularity: z.enum(["day", "hour"]).describe("Bucket size of the series"),
      dimension: z.enum(ANOMALY_DIMENSIONS).describe("Series dimension"),
      key: z.string().nullable().describe("Series key (null for total or an unattributed slice)"),
      direction: z.enum(["spike", "drop"]).describe("Above or below the expected value"),
      actualUsd: z.number().describe("Spend in the bucket, USD"),
      expectedUsd: z.number().describe("Baseline: same-weekday (or hour-of-day) level × trend, USD"),
      impactUsd: z.number().describe("actualUsd − expectedUsd, USD"),
      score: z.number().describe("Robust z-score magnitude (≥ anomaly.minScore, 3.5 by default)"),
      source: z
        .enum(["billed", "estimated"])
        .describe("Whether the bucket's numbers are billed or estimated"),
      baseline: z.enum(["seasonal", "cold"]).describe("cold = under 3 weeks of history (higher score bar)"),
      drivers: z
        .array(driverSchema)
        .describe("Keys of other dimensions whose own change explains the anomaly"),
      incidentId: z
        .string()
        .nullable()
        .default(null)
        .describe("The incident this anomaly belongs to (null only if below the incident floor)"),
    }),
  ),
  incidents: z
    .array(incidentSchema)
    .default([])
    .describe("One entry per event, ranked by impactUsd descending"),
  dataGaps: z
    .array(dataGapSchema)
    .default([])
    .describe("Account-regions and sources with no data or failed collection: no data, never $0"),
  coverage: z
    .array(coverageSchema)
    .default([])
    .describe("Per estimated day and dimension: how much of the day the data covers and how it was compared"),
  evaluatedThrough: z
    .object({
      day: z
        .string()
        .nullable()
        .describe("Last day of from..to evaluated (null: no daily cost data in it, or hours only)"),
      hour: z
        .string()
        .nullable()
        .describe("Last hour evaluated, YYYY-MM-DDTHH:00Z (null: no token metrics, or days only)"),
    })
    .optional()
    .describe(
      "How far the data reached: buckets after these have no data yet and were not evaluated — unknown, not $0 and not 'normal'",
    ),
  notes: z.array(z.string()).describe("What could not be evaluated and why"),
});

export type AnomalyInput = z.output<typeof anomalyInputSchema>;
export type AnomalyOutput = z.output<typeof anomalyOutputSchema>;
export type Incident = z.output<typeof incidentSchema>;
export type DataGap = z.output<typeof dataGapSchema>;
export type CoverageEntry = z.output<typeof coverageSchema>;
export type DriverLink = z.output<typeof driverLinkSchema>;
