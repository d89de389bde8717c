import { z } from "zod";
import { PRICING_MODELS, TOKEN_TYPES } from "../domain/vocabulary.js";
import { UsageError } from "../errors.js";
import { readDayExtent } from "../store/queries/extent.js";
import { addDays, isoDay, isValidDay, MONTH_RE, monthEnd, monthOf, monthStart } from "../util/dates.js";
import type { Deps } from "./types.js";

/** Schemas shared by capabilities (docs/architecture.md §6 shared conventions). */

/**
 * The calendar every tool accepts. Bedrock spend cannot predate 2023, so the bounds never refuse a
 * real question; they keep day arithmetic inside four-digit years, where `0000-01-01` minus a
 * baseline or `9999-12-31` plus a day would leave the YYYY-MM-DD format and loop for ever.
 */
export const DAY_MIN = "2000-01-01";
export const DAY_MAX = "2099-12-31";

export const daySchema = z
  .string()
  .superRefine((v, ctx) => {
    if (!isValidDay(v)) ctx.addIssue({ code: "custom", message: "expected a calendar day YYYY-MM-DD (UTC)" });
    else if (v < DAY_MIN || v > DAY_MAX)
      ctx.addIssue({ code: "custom", message: `${v} is outside the supported days ${DAY_MIN}..${DAY_MAX}` });
  })
  .describe("UTC calendar day YYYY-MM-DD");

export const monthSchema = z
  .string()
  .superRefine((v, ctx) => {
    if (!MONTH_RE.test(v)) ctx.addIssue({ code: "custom", message: "expected a month YYYY-MM" });
    else if (v < DAY_MIN.slice(0, 7) || v > DAY_MAX.slice(0, 7))
      ctx.addIssue({
        code: "custom",
        message: `${v} is outside the supported months ${DAY_MIN.slice(0, 7)}..${DAY_MAX.slice(0, 7)}`,
      });
  })
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
    dataThrough: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Last day up to `to` whose cost is known (billed by the CUR, estimated, or read by the metrics collector), null if none: days after it have no data yet — unknown, not $0",
      ),
    estimateGaps: z
      .array(
        z.object({
          account: z.string().describe("12-digit account id"),
          accountName: z.string().nullable().describe("Configured name, null if none"),
          region: z.string().describe("Region"),
          metricsThrough: z
            .string()
            .nullable()
            .describe(
              "Last hour of the estimated days with its CloudWatch metrics (YYYY-MM-DDTHH:00Z), null: none",
            ),
        }),
      )
      .optional()
      .describe(
        "Account/regions (within the account/region filters) without CloudWatch metrics on some estimated day: their estimated spend there is unknown and not in the totals — not $0",
      ),
    coverage: z.object({
      principalPct: z.number().nullable().describe("Percent (0-100) of cost with an IAM principal"),
      taggedPct: z.number().nullable().describe("Percent (0-100) of cost carrying at least one tag"),
    }),
  })
  .describe("Provenance: billed vs estimated, freshness and attribution coverage");

export type Provenance = z.infer<typeof provenanceSchema>;

export interface ResolvedRange {
  from: string;
  to: string;
  /** How the answered range differs from the one asked (empty when it does not). */
  notes: string[];
}

const monthStartOfToday = (today: string) => `${today.slice(0, 7)}-01`;

/**
 * The day range a tool answers. Defaults: to = today, from = `defaultFrom` (first of the current
 * month unless the tool says otherwise). The range is then clamped to the days the store can
 * answer — its stored extent, widened to today and to the default range so an ordinary question
 * is never cut — because a tool's work grows with the days it walks, not with the data: days
 * before the first stored day or after today hold nothing. A range wholly outside is refused,
 * naming the argument and the range that can be asked.
 */
export async function resolveRange(
  deps: Pick<Deps, "db" | "now">,
  asked: { from?: string; to?: string },
  defaultFrom: (today: string, to: string) => string = monthStartOfToday,
): Promise<ResolvedRange> {
  const today = isoDay(deps.now());
  const to = asked.to ?? today;
  const dflt = defaultFrom(today, to);
  const from = asked.from ?? dflt;
  if (from > to) throw new UsageError(`from ${from} is after to ${to}: pass --from/--to (from ≤ to)`);
  const extent = await readDayExtent(deps.db);
  // An empty store has nothing to walk: no range is refused or cut (the answer says there is no data).
  const stored = [extent?.first ?? from, today].sort()[0];
  const last = [extent?.last ?? today, today].sort()[1];
  const allowed = `pass from and to within ${stored}..${last} (the stored data and today)`;
  if (from > last)
    throw new UsageError(`from ${from} is after the last day there can be data for: ${allowed}`);
  if (to < stored) throw new UsageError(`to ${to} is before the first stored day: ${allowed}`);
  // The default range is never cut, but never reaches before the supported calendar either.
  const first = [[stored, dflt].sort()[0], DAY_MIN].sort()[1];
  const notes: string[] = [];
  const range = { from, to, notes };
  if (from < first) {
    range.from = first;
    notes.push(`from ${from} is before the first stored day; answered from ${first}`);
  }
  if (to > last) {
    range.to = last;
    notes.push(`to ${to} is after today and the stored data; answered through ${last}`);
  }
  return range;
}

export { addDays };

/**
 * Days of `month` (up to today) whose cost is not known yet: a month-to-date figure (`what`) leaves
 * them out, so it must not read as the month so far. Null when every day is known, the month is
 * ahead, or `dataThrough` was not reported.
 */
export function monthUnknownDays(
  what: string,
  month: string,
  asOf: string,
  dataThrough: string | null | undefined,
): string | null {
  if (dataThrough === undefined || month > monthOf(asOf)) return null;
  const last = month < monthOf(asOf) ? monthEnd(month) : asOf;
  if (dataThrough !== null && dataThrough >= last) return null;
  return dataThrough === null || dataThrough < monthStart(month)
    ? `${what} covers no day of ${month} yet (no cost data: unknown, not $0)`
    : `${what} covers days through ${dataThrough}: no cost data after it yet (unknown, not $0)`;
}
