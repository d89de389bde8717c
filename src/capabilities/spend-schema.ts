import { z } from "zod";
import { SPEND_COLUMN_KEYS } from "../store/queries/spend.js";
import { filtersSchema, fromSchema, limitSchema, provenanceSchema, TAG_KEY_RE, toSchema } from "./common.js";

/** Zod contracts of `get_spend_by_model` (docs/architecture.md §6). */

export const SPEND_TAG_GROUP_RE = new RegExp(`^tag:${TAG_KEY_RE.source.slice(1)}`, "u");

const badKey = (iss: { input?: unknown }) =>
  `unknown group-by key ${JSON.stringify(iss.input)}: use ${SPEND_COLUMN_KEYS.join(", ")} or tag:<key> ` +
  "(e.g. tag:team; principal tags as tag:iamPrincipal/team; tag keys use letters, digits, spaces and _ . : / = + - @)";

export const spendGroupKeySchema = z.union([
  z.enum(SPEND_COLUMN_KEYS, { error: badKey }),
  z.string().regex(SPEND_TAG_GROUP_RE, { error: badKey }),
]);

export const spendInputSchema = z
  .strictObject({
    from: fromSchema,
    to: toSchema,
    groupBy: z
      .array(spendGroupKeySchema)
      .min(1, "give at least one key, e.g. model")
      .max(8)
      .refine((keys) => new Set(keys).size === keys.length, { error: "name each key once" })
      .default(["model"])
      .describe(
        'Group rows by these keys, in order (default ["model"]): model, token_type, pricing_model, route, ' +
          "region, account, principal, day, or tag:<key> (resource tag, e.g. tag:team; principal tag tag:iamPrincipal/team)",
      ),
    filters: filtersSchema.optional(),
    source: z
      .enum(["billed", "estimated", "auto"])
      .default("auto")
      .describe(
        "auto (default): billed CUR cost through billedThrough, estimates after it; billed: CUR only; estimated: estimates only",
      ),
    limit: limitSchema,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    error: "must not be after to (swap the dates)",
    path: ["from"],
  });

export const spendRowSchema = z
  .object({
    costUsd: z
      .number()
      .nullable()
      .describe("Cost in USD, full precision; null when no line of the group has a known price"),
    tokens: z.number().describe("Tokens of token-typed lines (input, output, cache read/write)"),
    share: z.number().nullable().describe("Fraction (0-1) of totalCostUsd; null when undefined"),
    unpricedTokens: z.number().describe("Estimated tokens without a known price, not in costUsd"),
    accountName: z.string().nullable().optional().describe("Account name when grouped by account"),
  })
  .catchall(z.string().nullable())
  .describe("One group: a field named like each groupBy key (null when missing) plus the sums");

export const creditsSchema = z
  .object({
    creditsUsd: z.number(),
    refundsUsd: z.number(),
    discountsUsd: z.number(),
    taxUsd: z.number(),
    notSplitBy: z
      .array(z.string())
      .optional()
      .describe(
        "Filters of the question these sums do not follow (CUR credit lines carry no tag, principal or " +
          "token type): the sums then cover all Bedrock of the accounts in scope, not only the filtered spend",
      ),
  })
  .describe("CUR credits, refunds, discounts and tax in the range (signed as billed), never mixed into cost");

export const spendOutputSchema = z.object({
  from: z.string().describe("First day, inclusive"),
  to: z.string().describe("Last day, inclusive"),
  currency: z.literal("USD"),
  groupBy: z.array(z.string()).describe("Keys the rows are grouped by"),
  source: z.enum(["billed", "estimated", "auto"]).describe("Requested source mode"),
  totalCostUsd: z.number().describe("Total cost of every group (not only the returned rows), USD"),
  totalTokens: z.number().describe("Total tokens of token-typed lines"),
  unpricedTokens: z.number().describe("Estimated tokens without a known price (not counted as $0)"),
  rows: z.array(spendRowSchema).describe("Groups, largest cost first"),
  rowCount: z.number().int().describe("Number of groups before the limit"),
  truncated: z.boolean().describe("True when groups beyond the limit were summed into otherCostUsd"),
  otherCostUsd: z.number().describe("Cost of the groups beyond the limit, USD"),
  topModel: z
    .object({ model: z.string(), costUsd: z.number().nullable() })
    .nullable()
    .describe("Model with the highest cost in the range and filters"),
  credits: creditsSchema,
  provenance: provenanceSchema,
});

export type SpendInput = z.output<typeof spendInputSchema>;
export type SpendOutput = z.output<typeof spendOutputSchema>;
export type SpendRow = z.output<typeof spendRowSchema>;
