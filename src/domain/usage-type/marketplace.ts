import { marketplaceWords, readFlags, type UsageFlags } from "./usage-flags.js";

/**
 * Marketplace / AmazonBedrockFoundationModels grammar (docs/aws-data.md §1.5):
 * `<RC>-MP:<RC>_<Dimension>-Units`, dimensions in CamelCase (`CacheWrite1hInputTokenCount_Global`,
 * `Reserved_1Month_InputTPM_Geo`) or the newer snake_case family (`input_tokens_global_flex`).
 */
const MARKETPLACE = /^(?:([A-Z]{2,4}\d?)-)?MP:(?:([A-Z]{2,4}\d?)_)?(.+?)(?:-[Uu]nits?)?$/;

export interface MarketplaceUsage {
  /** Region code inside the dimension (`USE1` of `MP:USE1_…`), when the usage type has one. */
  regionCode: string | null;
  dimension: string;
  flags: UsageFlags;
}

export function isMarketplaceUsageType(usageType: string): boolean {
  return /(?:^|-)MP:/i.test(usageType);
}

export function parseMarketplace(usageType: string): MarketplaceUsage | null {
  const m = MARKETPLACE.exec(usageType);
  if (!m) return null;
  const dimension = m[3]!;
  return { regionCode: m[1] ?? m[2] ?? null, dimension, flags: readFlags(marketplaceWords(dimension)) };
}
