/**
 * CUR line → canonical vocabulary (DESIGN §4, reference §1.5–1.6).
 * INTERFACE ONLY in this commit: the classifier is being implemented (issue 2).
 */

export type TokenType = "input" | "output" | "cache_read" | "cache_write" | "none";
export type PricingModel =
  | "on_demand"
  | "batch"
  | "flex"
  | "priority"
  | "latency_optimized"
  | "reserved"
  | "provisioned";
export type Route = "global" | "regional";

/** The CUR fields classification looks at (one distinct combination is classified once). */
export interface CurLineKey {
  productCode: string;
  billingEntity: string | null;
  /** `product['product_name']` (Marketplace: `Claude Sonnet 4.6 (Amazon Bedrock Edition)`). */
  productName: string | null;
  usageType: string;
  operation: string | null;
  /** `line_item_line_item_description`: Marketplace unit lives in its 3rd `|` field. */
  description: string | null;
  pricingUnit: string | null;
  resourceId: string | null;
}

export interface Classification {
  model: string;
  modelId: string | null;
  tokenType: TokenType;
  cacheTtl: "5m" | "1h" | null;
  pricingModel: PricingModel;
  route: Route;
  /** Region from the usage-type prefix (`USE1` → us-east-1), when known. */
  region: string | null;
  /** Absolute tokens per unit of `line_item_usage_amount` (1K tokens → 1000); 0 for non-token lines. */
  tokensPerUnit: number;
  /** Set when the usage type was not recognised: kept as `unknown: <usage type>`, token_type none. */
  warning?: string;
}

/** Bedrock product codes billed by AWS; Marketplace rows qualify by product name (reference §1.5). */
export function isBedrockLine(
  _productCode: string,
  _billingEntity: string | null,
  _productName: string | null,
): boolean {
  throw new Error("classifier not implemented yet");
}

export function classifyLine(_key: CurLineKey): Classification {
  throw new Error("classifier not implemented yet");
}
