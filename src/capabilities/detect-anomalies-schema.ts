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
    }),
  ),
  notes: z.array(z.string()).describe("What could not be evaluated and why"),
});

export type AnomalyInput = z.output<typeof anomalyInputSchema>;
export type AnomalyOutput = z.output<typeof anomalyOutputSchema>;
