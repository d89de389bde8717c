import { z } from "zod";

/** Response shapes we rely on, validated before anything is stored (docs/aws-data.md §2.3). */

export const listMetricsPageSchema = z.object({
  Metrics: z
    .array(
      z.object({
        Namespace: z.string().optional(),
        MetricName: z.string().optional(),
        Dimensions: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
      }),
    )
    .optional()
    .default([]),
  NextToken: z.string().optional(),
});

export const getMetricDataPageSchema = z.object({
  MetricDataResults: z
    .array(
      z.object({
        Id: z.string(),
        Timestamps: z.array(z.date()).optional().default([]),
        Values: z.array(z.number()).optional().default([]),
        // Unknown future codes are kept as strings and treated like InternalError.
        StatusCode: z.string().optional(),
      }),
    )
    .optional()
    .default([]),
  NextToken: z.string().optional(),
});

export type GetMetricDataPage = z.infer<typeof getMetricDataPageSchema>;
