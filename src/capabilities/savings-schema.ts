import { z } from "zod";
import { CONFIDENCES, SAVINGS_KINDS } from "../domain/savings.js";
import { daySchema, filtersSchema, provenanceSchema } from "./common.js";

/** Input and output of get_savings_opportunities (docs/architecture.md §6, docs/savings.md). */

const share = (what: string, dflt: number) =>
  z.number().min(0).max(1).default(dflt).describe(`${what} (0-1, default ${dflt})`);

export const savingsInputSchema = z.object({
  from: daySchema
    .optional()
    .describe("First day, inclusive, YYYY-MM-DD UTC. Default: 29 days before `to` (30 billed days)."),
  to: daySchema
    .optional()
    .describe(
      "Last day, inclusive, YYYY-MM-DD UTC. Default and maximum: billedThrough (the last billed CUR day).",
    ),
  filters: filtersSchema.optional(),
  minMonthlyUsd: z
    .number()
    .min(0)
    .default(10)
    .describe("List only opportunities saving at least this many USD per month (default 10)"),
  kinds: z
    .array(z.enum(SAVINGS_KINDS))
    .min(1)
    .optional()
    .describe(`Kinds to look for (default all): ${SAVINGS_KINDS.join(", ")}`),
  assumedCacheHitShare: share(
    "Share of a non-caching caller's input assumed to be a reusable prefix (prompt_caching)",
    0.5,
  ),
  assumedShiftableShare: share("Share of on-demand tokens assumed able to wait for batch or flex", 0.2),
});
export type SavingsInput = z.output<typeof savingsInputSchema>;

const nullableString = (d: string) => z.string().nullable().describe(d);

const opportunitySchema = z.object({
  id: z.string().describe("Stable id: kind:account:… (the same finding keeps its id from run to run)"),
  kind: z.enum(SAVINGS_KINDS).describe("What kind of change"),
  title: z.string().describe("What to change, where, in one line"),
  scope: z
    .object({
      account: nullableString("12-digit AWS account id"),
      accountName: nullableString("Account name when known"),
      region: nullableString("AWS region, when the opportunity is per region"),
      model: nullableString("Canonical model name"),
      principal: nullableString("IAM principal ARN, when the opportunity is per caller"),
      resourceId: nullableString("Provisioned-model ARN, when the opportunity is per provisioned throughput"),
    })
    .describe("Where it applies; fields that do not apply are null"),
  windowSavingsUsd: z.number().describe("USD the change would have saved over the window"),
  monthlySavingsUsd: z
    .number()
    .describe("windowSavingsUsd × 30 / window days: USD per month (from actionableFrom on)"),
  basisUsd: z.number().describe("The billed spend the opportunity applies to, in the window"),
  confidence: z
    .enum(CONFIDENCES)
    .describe(
      "certain: billed facts only; likely: billed facts and a condition to check; possible: rests on an assumed share",
    ),
  assumptions: z.array(z.string()).describe("What the figure assumes"),
  evidence: z
    .object({
      items: z
        .array(
          z.object({
            label: z.string().describe("What the number is, e.g. input tokens, regional on-demand"),
            value: z.number().describe("The number used (full precision)"),
            unit: z
              .enum(["tokens", "USD", "USD per 1M tokens", "hours", "share", "invocations", "days"])
              .describe("Its unit"),
          }),
        )
        .describe("Token counts, prices and costs used"),
      arithmetic: z.string().describe("The computation written out with those numbers"),
    })
    .describe("The numbers behind the figure"),
  action: z.array(z.string()).describe("Concrete steps, naming the AWS feature"),
  actionableFrom: nullableString(
    "First day the saving can be had (a commitment's end, YYYY-MM-DD); null = now",
  ),
  overlapsWith: z
    .array(z.string())
    .describe("Ids of listed opportunities that change the same tokens or throughput"),
  countedInTotal: z
    .boolean()
    .describe("Counted in totalMonthlyUsd (of overlapping opportunities only the larger is counted)"),
});
export type SavingsOpportunityView = z.output<typeof opportunitySchema>;

export const savingsOutputSchema = z.object({
  window: z
    .object({ from: daySchema, to: daySchema, days: z.number().int().describe("Days in the window") })
    .describe("The billed days analysed"),
  totalMonthlyUsd: z
    .number()
    .describe("USD per month of the listed opportunities, never counting the same tokens twice"),
  opportunities: z.array(opportunitySchema).describe("Largest monthly saving first"),
  tokenSpendUsd: z
    .number()
    .describe("Billed cost of token lines in the window (what token-based kinds draw from)"),
  pricesInEffectOn: daySchema.describe("Day whose list prices were used (the window's last day)"),
  minMonthlyUsd: z.number().describe("The minMonthlyUsd applied"),
  kinds: z.array(z.enum(SAVINGS_KINDS)).describe("Kinds looked for"),
  assumedCacheHitShare: z.number().describe("The cache-hit share prompt_caching assumed"),
  assumedShiftableShare: z.number().describe("The shiftable share batch and flex assumed"),
  notes: z.array(z.string()).describe("What was left out and why (e.g. a model without a list price)"),
  provenance: provenanceSchema,
});
export type SavingsOutput = z.output<typeof savingsOutputSchema>;
