import { z } from "zod";
import { classifyLine } from "../domain/usage-type/classify.js";
import { isMarketplaceUsageType } from "../domain/usage-type/marketplace.js";
import { tokenUnitScale } from "../domain/usage-type/units.js";
import { isoDay } from "../util/dates.js";
import { PRICED_TOKEN_TYPES, type PricedTokenType, type PriceRow } from "./types.js";

/**
 * AWS Price List (GetProducts) products → token prices. `PriceList` is an array of JSON STRINGS,
 * each one product with its OnDemand terms (docs/aws-data.md §6.1). The usage type has the same grammar
 * as the CUR's (`USE1-NovaPro-input-tokens-batch`, `USE1-MP:USE1_InputTokenCount_Global-Units`), so
 * the CUR classifier maps it to model / token type / tier / route / region: a price and a bill line
 * of the same usage type can never disagree on what they are about.
 */

const dimensionSchema = z.looseObject({
  unit: z.string(),
  beginRange: z.string().optional(),
  description: z.string().optional(),
  pricePerUnit: z.looseObject({ USD: z.string().optional() }),
});

export const priceListProductSchema = z.looseObject({
  product: z.looseObject({
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
    sku: z.string().optional(),
  }),
  serviceCode: z.string(),
  terms: z
    .looseObject({
      OnDemand: z
        .record(
          z.string(),
          z.looseObject({
            effectiveDate: z.string(),
            priceDimensions: z.record(z.string(), dimensionSchema),
          }),
        )
        .optional(),
    })
    .optional(),
  publicationDate: z.string().optional(),
});

export interface ParsedPrices {
  prices: PriceRow[];
  /** Products that are not token prices (PT hours, customization, guardrails, …): counted, not kept. */
  skipped: number;
  warnings: string[];
}

/**
 * USD per 1M tokens from a price per unit. The unit is read as the CUR's is (`1K tokens`, or a
 * Marketplace description's `Million Input Tokens`); a Marketplace `Units` price without such a
 * description is per million tokens (Sonnet 4.6 `…InputTokenCount_Global-Units` = 3.0, docs/aws-data.md §6.2).
 */
function perMillion(usd: number, tokensPerUnit: number, unit: string, usageType: string): number | null {
  const scale =
    tokensPerUnit > 0
      ? tokensPerUnit
      : (tokenUnitScale(unit) ?? (/^units?$/i.test(unit) && isMarketplaceUsageType(usageType) ? 1e6 : null));
  return scale ? (usd * 1e6) / scale : null;
}

/** One PriceList element (a JSON string) → zero or more token prices. */
export function parsePriceListItem(json: string, source: string): ParsedPrices {
  const out: ParsedPrices = { prices: [], skipped: 0, warnings: [] };
  let parsed: z.infer<typeof priceListProductSchema>;
  try {
    parsed = priceListProductSchema.parse(JSON.parse(json));
  } catch (err) {
    out.warnings.push(`unreadable Price List product: ${(err as Error).message.slice(0, 200)}`);
    return out;
  }
  const attrs = parsed.product.attributes;
  const usageType = attrs.usagetype;
  if (!usageType) return { ...out, skipped: 1 };
  const productName = attrs.servicename ?? attrs.model ?? null;
  for (const term of Object.values(parsed.terms?.OnDemand ?? {})) {
    for (const dim of Object.values(term.priceDimensions)) {
      // Tiered dimensions: the first tier (beginRange 0) is the list price.
      if (dim.beginRange !== undefined && Number(dim.beginRange) !== 0) continue;
      const c = classifyLine({
        productCode: parsed.serviceCode,
        billingEntity: null,
        productName,
        usageType,
        operation: attrs.operation ?? null,
        description: dim.description ?? null,
        pricingUnit: dim.unit,
        resourceId: null,
      });
      const region = c.region ?? attrs.regionCode ?? null;
      const usd = Number(dim.pricePerUnit.USD);
      const tokenType = c.tokenType as PricedTokenType;
      if (!PRICED_TOKEN_TYPES.includes(tokenType) || c.model.startsWith("unknown: ") || !region) {
        out.skipped++;
        continue;
      }
      const usdPerMillion = Number.isFinite(usd)
        ? perMillion(usd, c.tokensPerUnit, dim.unit, usageType)
        : null;
      const effective = new Date(term.effectiveDate);
      if (usdPerMillion === null || Number.isNaN(effective.getTime())) {
        out.warnings.push(`${usageType}: cannot read price "${dim.pricePerUnit.USD}" per "${dim.unit}"`);
        continue;
      }
      out.prices.push({
        model: c.model,
        region,
        route: c.route,
        pricingModel: c.pricingModel,
        tokenType,
        cacheTtl: tokenType === "cache_write" ? (c.cacheTtl ?? "5m") : null,
        usdPerMillion,
        effectiveFrom: isoDay(effective),
        source,
      });
    }
  }
  return out;
}
