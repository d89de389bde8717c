import type { PriceRow } from "../../prices/types.js";
import type { Db } from "../db.js";

const CHUNK = 500;

const keyOf = (r: PriceRow) =>
  [r.model, r.region, r.route, r.pricingModel, r.tokenType, r.cacheTtl ?? "", r.effectiveFrom].join("\u0000");

export async function loadPrices(db: Db): Promise<PriceRow[]> {
  const rows = await db.selectFrom("price").selectAll().execute();
  return rows.map((r) => ({
    model: r.model,
    region: r.region,
    route: r.route,
    pricingModel: r.pricing_model,
    tokenType: r.token_type,
    cacheTtl: r.cache_ttl,
    usdPerMillion: r.usd_per_million,
    effectiveFrom: r.effective_from,
    source: r.source,
  }));
}

function toTable(r: PriceRow, at: string) {
  return {
    model: r.model,
    region: r.region,
    route: r.route,
    pricing_model: r.pricingModel,
    token_type: r.tokenType,
    cache_ttl: r.cacheTtl,
    usd_per_million: r.usdPerMillion,
    effective_from: r.effectiveFrom,
    source: r.source,
    added_at: at,
  };
}

/**
 * Writes prices in one transaction. A row with the same key and effective day as a new one is
 * replaced (two refreshes on one day: the later wins); every other row is kept.
 */
export async function writePrices(db: Db, rows: readonly PriceRow[], at: string): Promise<number> {
  if (!rows.length) return 0;
  const incoming = new Set(rows.map(keyOf));
  await db.transaction().execute(async (tx) => {
    const existing = await loadPrices(tx as unknown as Db);
    const stale = existing.filter((r) => incoming.has(keyOf(r)));
    for (const r of stale) {
      await tx
        .deleteFrom("price")
        .where("model", "=", r.model)
        .where("region", "=", r.region)
        .where("route", "=", r.route)
        .where("pricing_model", "=", r.pricingModel)
        .where("token_type", "=", r.tokenType)
        .where("cache_ttl", r.cacheTtl === null ? "is" : "=", r.cacheTtl)
        .where("effective_from", "=", r.effectiveFrom)
        .execute();
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insertInto("price")
        .values(rows.slice(i, i + CHUNK).map((r) => toTable(r, at)))
        .execute();
    }
  });
  return rows.length;
}

/**
 * Seeds the store with the bundled snapshot: rows whose key and effective day are not stored yet
 * are added; stored prices (e.g. from a refresh) are never overwritten by the bundle. Idempotent.
 */
export async function ensureBundledPrices(db: Db, bundled: readonly PriceRow[], at: string): Promise<number> {
  const have = new Set((await loadPrices(db)).map(keyOf));
  const missing = bundled.filter((r) => !have.has(keyOf(r)));
  return writePrices(db, missing, at);
}
