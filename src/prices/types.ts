import { z } from "zod";
import { PRICING_MODELS, ROUTES } from "../domain/vocabulary.js";
import { isValidDay } from "../util/dates.js";

/** Token types that carry a per-token price (`none` lines are priced per hour/unit, not here). */
export const PRICED_TOKEN_TYPES = ["input", "output", "cache_read", "cache_write"] as const;
export type PricedTokenType = (typeof PRICED_TOKEN_TYPES)[number];

const day = z.string().refine(isValidDay, { message: "expected YYYY-MM-DD" });

/** One list price: USD per 1M tokens of one token type, in effect from `effectiveFrom` (UTC day). */
export const priceEntrySchema = z.strictObject({
  model: z.string().min(1),
  region: z.string().regex(/^[a-z]{2}(?:-gov)?-[a-z]+-\d$/, "expected an AWS region such as us-east-1"),
  route: z.enum(ROUTES),
  pricingModel: z.enum(PRICING_MODELS),
  tokenType: z.enum(PRICED_TOKEN_TYPES),
  /** Cache writes only: `5m` or `1h`. */
  cacheTtl: z.enum(["5m", "1h"]).optional(),
  usdPerMillion: z.number().nonnegative().finite(),
  effectiveFrom: day,
  /** Set when the entry is derived rather than published (batch = 50 %, regional = 1.1 × global, …). */
  derived: z.string().optional(),
});
export type PriceEntry = z.infer<typeof priceEntrySchema>;

export const priceFileSchema = z.strictObject({
  source: z.string().min(1),
  retrievedAt: day,
  notes: z.array(z.string()).optional(),
  prices: z.array(priceEntrySchema).min(1),
});
export type PriceFile = z.infer<typeof priceFileSchema>;

/** A price as the store keeps it (and as lookups return it). */
export interface PriceRow {
  model: string;
  region: string;
  route: "global" | "regional";
  pricingModel: string;
  tokenType: PricedTokenType;
  cacheTtl: string | null;
  usdPerMillion: number;
  effectiveFrom: string;
  source: string;
}

export function entryToRow(e: PriceEntry, source: string): PriceRow {
  return {
    model: e.model,
    region: e.region,
    route: e.route,
    pricingModel: e.pricingModel,
    tokenType: e.tokenType,
    cacheTtl: e.cacheTtl ?? null,
    usdPerMillion: e.usdPerMillion,
    effectiveFrom: e.effectiveFrom,
    source: e.derived ? `${source} (derived: ${e.derived})` : source,
  };
}
