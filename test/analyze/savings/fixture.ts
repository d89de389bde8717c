import type { SavingsContext } from "../../../src/analyze/savings/index.js";
import type { BilledUsageCell } from "../../../src/domain/savings.js";
import { buildPriceBook } from "../../../src/prices/lookup.js";
import type { PriceRow } from "../../../src/prices/types.js";

/** Inline billed cells and list prices for the savings table tests (USD per 1M tokens). */

export function cell(
  over: Partial<BilledUsageCell> & Pick<BilledUsageCell, "tokenType" | "tokens">,
): BilledUsageCell {
  return {
    account: "111111111111",
    accountName: "prod",
    region: "us-east-1",
    model: "Claude Sonnet 4.6",
    modelId: "us.anthropic.claude-sonnet-4-6",
    principal: "arn:aws:sts::111111111111:assumed-role/App/app",
    cacheTtl: over.tokenType === "cache_write" ? "5m" : null,
    pricingModel: "on_demand",
    route: "regional",
    costUsd: 0,
    ...over,
  };
}

type P = [
  model: string,
  route: "global" | "regional",
  tier: string,
  tokenType: PriceRow["tokenType"],
  usd: number,
  ttl?: string,
];

export function prices(rows: P[], region = "us-east-1"): SavingsContext["prices"] {
  return buildPriceBook(
    rows.map(([model, route, pricingModel, tokenType, usdPerMillion, ttl]) => ({
      model,
      region,
      route,
      pricingModel,
      tokenType,
      cacheTtl: tokenType === "cache_write" ? (ttl ?? "5m") : null,
      usdPerMillion,
      effectiveFrom: "2024-01-01",
      source: "test",
    })),
  );
}

export const SONNET: P[] = [
  ["Claude Sonnet 4.6", "regional", "on_demand", "input", 3.3],
  ["Claude Sonnet 4.6", "regional", "on_demand", "output", 16.5],
  ["Claude Sonnet 4.6", "regional", "on_demand", "cache_read", 0.33],
  ["Claude Sonnet 4.6", "regional", "on_demand", "cache_write", 4.125],
  ["Claude Sonnet 4.6", "global", "on_demand", "input", 3],
  ["Claude Sonnet 4.6", "global", "on_demand", "output", 15],
  ["Claude Sonnet 4.6", "global", "on_demand", "cache_read", 0.3],
  ["Claude Sonnet 4.6", "global", "on_demand", "cache_write", 3.75],
  ["Claude Sonnet 4.6", "regional", "batch", "input", 1.65],
  ["Claude Sonnet 4.6", "regional", "batch", "output", 8.25],
];

export const OPUS: P[] = [
  ["Claude Opus 4.5", "regional", "on_demand", "input", 5.5],
  ["Claude Opus 4.5", "regional", "on_demand", "output", 27.5],
  ["Claude Opus 4.5", "regional", "on_demand", "cache_read", 0.55],
  ["Claude Opus 4.5", "regional", "on_demand", "cache_write", 6.875],
];

export const NOVA_PRO: P[] = [
  ["Nova Pro", "regional", "on_demand", "input", 0.8],
  ["Nova Pro", "regional", "on_demand", "output", 3.2],
  ["Nova Pro", "regional", "batch", "input", 0.4],
  ["Nova Pro", "regional", "batch", "output", 1.6],
  ["Nova Pro", "regional", "flex", "input", 0.5],
  ["Nova Pro", "regional", "flex", "output", 2],
];

export function ctx(rows: P[], over: Partial<SavingsContext> = {}): SavingsContext {
  return {
    prices: prices(rows),
    priceDay: "2026-11-25",
    days: 30,
    assumedCacheHitShare: 0.5,
    assumedShiftableShare: 0.2,
    ...over,
  };
}

/** To the cent, as a FinOps engineer would read it. */
export const cents = (usd: number) => Math.round(usd * 100) / 100;
