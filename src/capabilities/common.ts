import { z } from "zod";
import { PRICING_MODELS, TOKEN_TYPES } from "../domain/vocabulary.js";
import { addDays, isoDay, isValidDay, MONTH_RE } from "../util/dates.js";

/** Schemas shared by capabilities (docs/architecture.md §6 shared conventions). */

export const daySchema = z
  .string()
  .refine(isValidDay, { message: "expected a calendar day YYYY-MM-DD (UTC)" })
  .describe("UTC calendar day YYYY-MM-DD");

export const monthSchema = z
  .string()
  .regex(MONTH_RE, "expected a month YYYY-MM")
  .describe("Month YYYY-MM (UTC)");

export const fromSchema = daySchema
  .optional()
  .describe("First day, inclusive, YYYY-MM-DD UTC. Default: first day of the current month.");
export const toSchema = daySchema.optional().describe("Last day, inclusive, YYYY-MM-DD UTC. Default: today.");

/**
 * Characters AWS allows in tag keys (letters, digits, spaces, `_ . : / = + - @`), up to 128. A key
 * that matches can never break out of a quoted JSON path (`$."key"`), which the store relies on.
 */
export const TAG_KEY_RE = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;

export const tagKeySchema = z
  .string()
  .regex(TAG_KEY_RE, {
    error: (iss) =>
      `bad tag key ${JSON.stringify(iss.input)}: use up to 128 letters, digits, spaces and _ . : / = + - @ (principal tags as iamPrincipal/<key>)`,
  })
  .describe("Cost-allocation tag key, e.g. team; principal tags as iamPrincipal/<key>");

export const filtersSchema = z
  .strictObject({
    model: z.array(z.string()).optional().describe('Model names, e.g. ["Claude Sonnet 4.6"]'),
    account: z.array(z.string()).optional().describe("12-digit AWS account ids"),
    region: z.array(z.string()).optional().describe('AWS regions, e.g. ["us-east-1"]'),
    principal: z.array(z.string()).optional().describe("Full IAM principal ARNs"),
    token_type: z.array(z.enum(TOKEN_TYPES)).optional().describe("Token types"),
    pricing_model: z.array(z.enum(PRICING_MODELS)).optional().describe("Pricing models / service tiers"),
    tag: z
      .strictObject({ key: tagKeySchema, value: z.string() })
      .optional()
      .describe("Cost-allocation tag; principal tags as key iamPrincipal/<k>"),
  })
  .describe("Optional filters; values inside one field are OR-ed, fields are AND-ed");

export type Filters = z.infer<typeof filtersSchema>;

export const limitSchema = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .optional()
  .describe("Max rows (default 100, max 1000); the rest is summed into otherCostUsd");

export const provenanceSchema = z
  .object({
    source: z.enum(["billed", "estimated", "mixed"]).describe("Where the numbers come from"),
    billedThrough: z
      .string()
      .nullable()
      .describe("Last day fully covered by the CUR (YYYY-MM-DD), null if none"),
    estimatedFrom: z.string().nullable().describe("First estimated day, null when nothing is estimated"),
    lastCollectedAt: z.string().nullable().describe("ISO instant of the last successful collection/ingest"),
    coverage: z.object({
      principalPct: z.number().nullable().describe("Percent (0-100) of cost with an IAM principal"),
      taggedPct: z.number().nullable().describe("Percent (0-100) of cost carrying at least one tag"),
    }),
  })
  .describe("Provenance: billed vs estimated, freshness and attribution coverage");

export type Provenance = z.infer<typeof provenanceSchema>;

/** Resolves the default date range: first of the current month … today (UTC). */
export function resolveRange(now: Date, from?: string, to?: string): { from: string; to: string } {
  const today = isoDay(now);
  const f = from ?? `${today.slice(0, 7)}-01`;
  const t = to ?? today;
  return { from: f, to: t };
}

export { addDays };
