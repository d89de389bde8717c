/** One CUR 2.0 line item, reduced to the fields the generator varies (the rest are derived in SQL). */
export interface GenLine {
  /** Usage start, ISO instant; usage end = start + `hours`. */
  start: string;
  hours: number;
  payer: string;
  account: string;
  accountName: string;
  billingEntity: string;
  lineItemType: string;
  productCode: string;
  productName: string;
  productFamily: string;
  region: string;
  usageType: string;
  operation: string;
  description: string;
  pricingUnit: string;
  usageAmount: number;
  cost: number;
  listCost: number;
  rate: string;
  resourceId: string;
  principal: string;
  resourceTags: Record<string, string>;
  tags: Record<string, string>;
  taxType: string;
}

/** What the generator knows it wrote, computed from its own lines (never by the ingester). */
export interface PeriodTruth {
  period: string;
  /** Unblended cost of Bedrock `Usage` lines. */
  costUsd: number;
  byModel: Record<string, number>;
  byDay: Record<string, number>;
  byAccount: Record<string, number>;
  /** Tokens of token-typed Bedrock usage lines, by model. */
  tokensByModel: Record<string, number>;
  creditsUsd: number;
  refundsUsd: number;
  discountsUsd: number;
  taxUsd: number;
  /** Every line written for the counted delivery of the period. */
  lines: number;
  /** Bedrock lines of any type (usage + adjustments). */
  bedrockLines: number;
  bedrockUsageLines: number;
  nonBedrockLines: number;
  firstDay: string;
  lastUsageDay: string;
}

export interface GroundTruth {
  periods: Record<string, PeriodTruth>;
  /** Sum over periods. */
  costUsd: number;
  lines: number;
  bedrockLines: number;
}
