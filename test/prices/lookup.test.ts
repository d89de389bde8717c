import { describe, expect, it } from "vitest";
import { bundledPriceFile, bundledPriceRows } from "../../src/prices/bundled.js";
import { buildPriceBook, lookupPrice, type PriceQuery, priceTokens } from "../../src/prices/lookup.js";
import type { PriceRow } from "../../src/prices/types.js";
import { DEMO_MODELS } from "../../src/synthetic/org.js";

const row = (p: Partial<PriceRow>): PriceRow => ({
  model: "Nova Pro",
  region: "us-east-1",
  route: "regional",
  pricingModel: "on_demand",
  tokenType: "input",
  cacheTtl: null,
  usdPerMillion: 0.8,
  effectiveFrom: "2026-01-01",
  source: "t",
  ...p,
});
const q = (p: Partial<PriceQuery> = {}): PriceQuery => ({
  model: "Nova Pro",
  region: "us-east-1",
  route: "regional",
  pricingModel: "on_demand",
  tokenType: "input",
  cacheTtl: null,
  ...p,
});

describe("lookupPrice: the price in effect that day", () => {
  const book = buildPriceBook([
    row({ usdPerMillion: 1.0, effectiveFrom: "2026-06-01" }),
    row({ usdPerMillion: 0.8, effectiveFrom: "2026-01-01" }),
    row({ usdPerMillion: 0.5, effectiveFrom: "2026-09-15" }),
    row({ tokenType: "cache_write", cacheTtl: "5m", usdPerMillion: 1.25 }),
    row({ tokenType: "cache_write", cacheTtl: "1h", usdPerMillion: 2 }),
    row({ route: "global", usdPerMillion: 0.7 }),
  ]);
  it.each([
    ["before any price", q(), "2025-12-31", null],
    ["first day of the first price", q(), "2026-01-01", 0.8],
    ["day before a change", q(), "2026-05-31", 0.8],
    ["day of a change", q(), "2026-06-01", 1.0],
    ["after the newest", q(), "2027-01-01", 0.5],
    ["other route", q({ route: "global" }), "2026-03-01", 0.7],
    ["cache write without TTL → 5m", q({ tokenType: "cache_write" }), "2026-03-01", 1.25],
    ["cache write 1h", q({ tokenType: "cache_write", cacheTtl: "1h" }), "2026-03-01", 2],
    ["unknown model", q({ model: "Nova Ultra" }), "2026-03-01", null],
    ["unknown region", q({ region: "ap-south-1" }), "2026-03-01", null],
    ["no region", q({ region: null }), "2026-03-01", null],
    ["other tier", q({ pricingModel: "flex" }), "2026-03-01", null],
    ["token type none", q({ tokenType: "none" }), "2026-03-01", null],
  ])("%s", (_name, query, day, expected) => {
    expect(lookupPrice(book, query, day)?.usdPerMillion ?? null).toBe(expected);
  });

  it("prices tokens, and returns null (never 0) when unknown", () => {
    expect(priceTokens(book, q(), "2026-03-01", 2_000_000)).toBeCloseTo(1.6, 12);
    expect(priceTokens(book, q({ model: "x" }), "2026-03-01", 2_000_000)).toBeNull();
  });
});

describe("bundled price table", () => {
  const file = bundledPriceFile();
  const book = buildPriceBook(bundledPriceRows(file));
  it("has docs/aws-data.md §6.2 numbers and marks derived entries", () => {
    const p = (m: string, route: "global" | "regional", tokenType = "input", pm = "on_demand") =>
      lookupPrice(book, q({ model: m, route, tokenType, pricingModel: pm }), "2026-11-01");
    expect(p("Claude Sonnet 4.6", "global")?.usdPerMillion).toBe(3);
    expect(p("Claude Sonnet 4.6", "regional", "output")?.usdPerMillion).toBe(16.5);
    expect(p("Claude Haiku 4.5", "regional", "cache_read")?.usdPerMillion).toBe(0.11);
    expect(p("Nova Pro", "regional", "input", "batch")?.usdPerMillion).toBe(0.4);
    expect(p("Nova Pro", "regional", "input", "batch")?.source).not.toContain("derived");
    expect(p("Nova Lite", "regional", "input", "batch")?.source).toContain("derived: batch = 50 %");
    expect(p("Claude Opus 4.6", "regional")?.usdPerMillion).toBeCloseTo(5.5, 12);
    expect(p("Claude Opus 4.6", "regional")?.source).toContain("1.1 × global");
    expect(p("Claude 2.0", "regional", "output")).toBeNull();
    const west = lookupPrice(book, q({ region: "us-west-2" }), "2026-11-01");
    expect(west?.usdPerMillion).toBe(0.8);
    expect(west?.source).toContain("US commercial regions");
  });

  it("prices every demo model at the demo org's rates in every demo region", () => {
    for (const m of DEMO_MODELS) {
      for (const region of ["us-east-1", "us-west-2", "eu-central-1"]) {
        const at = (tokenType: string, route: "global" | "regional" = "regional") =>
          lookupPrice(book, q({ model: m.model, region, tokenType, route }), "2026-11-01")?.usdPerMillion;
        expect(at("input"), `${m.model} ${region}`).toBeCloseTo(m.price.input, 9);
        expect(at("output"), `${m.model} ${region}`).toBeCloseTo(m.price.output, 9);
        if (m.price.cacheRead) expect(at("cache_read")).toBeCloseTo(m.price.cacheRead, 9);
        if (m.globalFactor) expect(at("input", "global")).toBeCloseTo(m.price.input * m.globalFactor, 9);
      }
    }
  });
});
