import type { TokenHour } from "../domain/facts.js";
import { type ModelIdContext, type ModelIdInfo, resolveModelId } from "../domain/models/model-id.js";
import type { PriceBook } from "../prices/lookup.js";
import type { PriceRow } from "../prices/types.js";
import { costAt, TOKEN_FIELDS, type TokenType, tokenPrice } from "./token-cost.js";

/**
 * ESTIMATED COST PER HOUR: tokens of one hour × the list price in effect that hour's UTC day,
 * through the same pricing path as the daily estimate (token-cost.ts). Pure: rows in, cells out.
 * Provisioned-model traffic is skipped: a PT bills per hour whatever it serves, so its tokens never
 * move the hourly cost (and its fixed hours cannot spike).
 */

/** USD of one model/account/region(/principal) in one hour: priced token types summed, and each. */
export interface CostCell {
  hour: string;
  account: string;
  region: string;
  model: string;
  principal: string | null;
  usd: number;
  /** USD per token type, in TOKEN_FIELDS order (0 when none or unpriced). */
  byType: [number, number, number, number];
}

/** Token type names in the order of CostCell.byType. */
export const CELL_TOKEN_TYPES: readonly TokenType[] = TOKEN_FIELDS.map(([t]) => t);

export interface HourlyCost {
  cells: CostCell[];
  /** Tokens without a known price: left out of the series (never counted as $0), reported. */
  unpricedTokens: number;
  unpricedModels: string[];
}

export function priceTokenHours(
  rows: readonly TokenHour[],
  prices: PriceBook,
  modelIds: ModelIdContext,
): HourlyCost {
  const infos = new Map<string, ModelIdInfo>();
  const rates = new Map<string, (PriceRow | null)[]>();
  const cells: CostCell[] = [];
  const unpriced = new Set<string>();
  let unpricedTokens = 0;
  for (const r of rows) {
    let info = infos.get(r.modelId);
    if (!info) {
      info = resolveModelId(r.modelId, modelIds);
      infos.set(r.modelId, info);
    }
    if (info.pricingModel === "provisioned") continue;
    const day = r.hour.slice(0, 10);
    const key = `${r.modelId}\u0000${r.region}\u0000${day}`;
    let price = rates.get(key);
    if (!price) {
      const target = { ...info, region: r.region };
      price = TOKEN_FIELDS.map(([tokenType]) => tokenPrice(prices, target, tokenType, day));
      rates.set(key, price);
    }
    const byType: CostCell["byType"] = [0, 0, 0, 0];
    let usd = 0;
    TOKEN_FIELDS.forEach(([, field], t) => {
      const tokens = r[field];
      if (!(tokens > 0)) return;
      const cost = costAt(price[t], tokens);
      if (cost === null) {
        unpricedTokens += tokens;
        unpriced.add(info.model);
        return;
      }
      byType[t] = cost;
      usd += cost;
    });
    if (usd > 0) {
      const { hour, account, region } = r;
      cells.push({ hour, account, region, model: info.model, principal: r.principal ?? null, usd, byType });
    }
  }
  return { cells, unpricedTokens, unpricedModels: [...unpriced].sort() };
}
