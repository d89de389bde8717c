import { type PricingClient, paginateGetProducts } from "@aws-sdk/client-pricing";
import { parsePriceListItem } from "../../prices/price-list.js";
import { planPriceRefresh } from "../../prices/refresh-plan.js";
import type { PriceRow } from "../../prices/types.js";
import type { Db } from "../../store/db.js";
import { loadPrices, writePrices } from "../../store/queries/prices.js";
import { isoDay } from "../../util/dates.js";
import type { Logger } from "../../util/log.js";

/**
 * `prices refresh`: reads Bedrock token prices from the AWS Price List Query API and adds the ones
 * that changed to the store (effective-dated, so past estimates keep their prices). Bedrock is
 * split across several offer codes (docs/aws-data.md §6.1); their union is read.
 */
export const BEDROCK_SERVICE_CODES = [
  "AmazonBedrock",
  "AmazonBedrockFoundationModels",
  "AmazonBedrockService",
];

export interface PriceRefreshResult {
  products: number;
  prices: number;
  inserted: number;
  unchanged: number;
  skipped: number;
  apiCalls: number;
  warnings: string[];
  byServiceCode: Record<string, number>;
}

export interface PriceRefreshOptions {
  now: Date;
  log: Logger;
  serviceCodes?: string[];
  /** Only these regions (regionCode filter); default all. */
  regions?: string[];
  /** GetProducts MaxResults (1–100, default 100). */
  pageSize?: number;
}

async function fetchServiceCode(
  pricing: PricingClient,
  serviceCode: string,
  o: PriceRefreshOptions,
  acc: { prices: PriceRow[]; warnings: string[]; skipped: number; products: number; calls: number },
): Promise<number> {
  const source = `price-list ${serviceCode} ${isoDay(o.now)}`;
  const filters = o.regions?.length
    ? [{ Type: "ANY_OF" as const, Field: "regionCode", Value: o.regions.join(",") }]
    : undefined;
  let count = 0;
  const pages = paginateGetProducts(
    { client: pricing, pageSize: o.pageSize ?? 100 },
    { ServiceCode: serviceCode, FormatVersion: "aws_v1", Filters: filters },
  );
  for await (const page of pages) {
    acc.calls++;
    for (const item of page.PriceList ?? []) {
      acc.products++;
      const parsed = parsePriceListItem(item, source);
      acc.prices.push(...parsed.prices);
      acc.skipped += parsed.skipped;
      acc.warnings.push(...parsed.warnings);
      count += parsed.prices.length;
    }
  }
  return count;
}

export async function refreshPrices(
  db: Db,
  pricing: PricingClient,
  o: PriceRefreshOptions,
): Promise<PriceRefreshResult> {
  const acc = { prices: [] as PriceRow[], warnings: [] as string[], skipped: 0, products: 0, calls: 0 };
  const byServiceCode: Record<string, number> = {};
  for (const code of o.serviceCodes ?? BEDROCK_SERVICE_CODES) {
    byServiceCode[code] = await fetchServiceCode(pricing, code, o, acc);
    o.log.info(`prices: ${code}: ${byServiceCode[code]} token prices`);
  }
  const today = isoDay(o.now);
  const plan = planPriceRefresh(await loadPrices(db), acc.prices, today);
  for (const k of plan.conflicts) acc.warnings.push(`Price List has conflicting prices for ${k}`);
  const inserted = await writePrices(db, plan.inserts, o.now.toISOString());
  return {
    products: acc.products,
    prices: acc.prices.length,
    inserted,
    unchanged: plan.unchanged,
    skipped: acc.skipped,
    apiCalls: acc.calls,
    warnings: acc.warnings,
    byServiceCode,
  };
}
