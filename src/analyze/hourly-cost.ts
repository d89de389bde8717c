import type { PriceBook } from "../prices/lookup.js";
import type { PriceRow } from "../prices/types.js";
import type { TokenCounts } from "./estimate-types.js";
import { type ModelIdContext, type ModelIdInfo, resolveModelId } from "./model-id.js";
import { costAt, TOKEN_FIELDS, type TokenType, tokenPrice } from "./token-cost.js";

/**
 * ESTIMATED COST PER HOUR: tokens of one hour × the list price in effect that hour's UTC day,
 * through the same pricing path as the daily estimate (token-cost.ts). Pure: rows in, cells out.
 * Provisioned-model traffic is skipped: a PT bills per hour whatever it serves, so its tokens never
 * move the hourly cost (and its fixed hours cannot spike).
 */

/** Tokens of one raw ModelId in one account/region in one hour; principal from invocation logs. */
export interface TokenHour extends TokenCounts {
  hour: string;
  account: string;
  region: string;
  modelId: string;
  principal: string | null;
}

/** USD of one token type of one model/account/region(/principal) in one hour. */
export interface CostCell {
  hour: string;
  account: string;
  region: string;
  model: string;
  principal: string | null;
  tokenType: TokenType;
  usd: number;
}

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
  const rates = new Map<string, PriceRow | null>();
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
    for (const [tokenType, field] of TOKEN_FIELDS) {
      const tokens = r[field];
      if (!(tokens > 0)) continue;
      const key = `${r.modelId}\u0000${r.region}\u0000${day}\u0000${tokenType}`;
      let price = rates.get(key);
      if (price === undefined) {
        price = tokenPrice(prices, { ...info, region: r.region }, tokenType, day);
        rates.set(key, price);
      }
      const usd = costAt(price, tokens);
      if (usd === null) {
        unpricedTokens += tokens;
        unpriced.add(info.model);
        continue;
      }
      cells.push({
        hour: r.hour,
        account: r.account,
        region: r.region,
        model: info.model,
        principal: r.principal,
        tokenType,
        usd,
      });
    }
  }
  return { cells, unpricedTokens, unpricedModels: [...unpriced].sort() };
}
