/**
 * CUR line → canonical vocabulary (docs/architecture.md §4, docs/aws-data.md §1.5–1.6). Pure and total: every usage
 * type gets a classification; one nobody recognises is kept as `unknown: <usage type>` with a
 * warning, never dropped and never thrown. The ingester calls this once per distinct key.
 */

import {
  modelFromBillingName,
  modelFromModelId,
  modelFromProductName,
  type NamedModel,
} from "../models/names.js";
import type { CacheTtl, PricingModel, Route, TokenType } from "../vocabulary.js";
import { classifyFeature } from "./features.js";
import { parseFirstParty } from "./first-party.js";
import { isMarketplaceUsageType, parseMarketplace } from "./marketplace.js";
import { regionForCode, splitRegionPrefix } from "./regions.js";
import { type ResourceModel, resourceModel } from "./resource.js";
import { descriptionFields, tokensPerUnit } from "./units.js";
import type { UsageFlags } from "./usage-flags.js";

export type { CacheTtl, PricingModel, Route, TokenType } from "../vocabulary.js";

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
  cacheTtl: CacheTtl | null;
  pricingModel: PricingModel;
  route: Route;
  /** Region from the usage-type prefix (`USE1` → us-east-1), when known. */
  region: string | null;
  /** Absolute tokens per unit of `line_item_usage_amount` (1K tokens → 1000); 0 for non-token lines. */
  tokensPerUnit: number;
  /** Set when the usage type was not recognised: kept as `unknown: <usage type>`, token_type none. */
  warning?: string;
}

/** Bedrock product codes billed by AWS (CID CUDOS "Bedrock UsageType Group", docs/aws-data.md §1.5). */
const BEDROCK_PRODUCT_CODES = new Set([
  "amazonbedrock",
  "amazonbedrockservice",
  "amazonbedrockfoundationmodels",
  "amazonbedrockagentcore",
]);

/**
 * Bedrock product codes billed by AWS (any non-Marketplace entity, e.g. AISPL in India, bills AWS
 * services); Marketplace rows have an opaque product code and qualify by product name
 * (`Claude 3 Haiku (Amazon Bedrock Edition)`). A missing billing entity column allows either test.
 */
export function isBedrockLine(
  productCode: string,
  billingEntity: string | null,
  productName: string | null,
): boolean {
  const entity = billingEntity?.trim().toLowerCase() ?? "";
  const namedBedrock = !!productName && /bedrock/i.test(productName);
  if (entity === "aws marketplace") return namedBedrock;
  if (BEDROCK_PRODUCT_CODES.has(productCode.trim().toLowerCase())) return true;
  return entity === "" && namedBedrock;
}

interface Draft {
  named: NamedModel;
  flags: Pick<UsageFlags, "tokenType" | "cacheTtl" | "pricingModel" | "route">;
  warnings: string[];
}

const GENERIC_PRODUCT = /^(?:Amazon\s+)?Bedrock(?:\s+(?:Service|Foundation\s+Models|AgentCore))?$/i;

const NON_TOKEN = { tokenType: "none", cacheTtl: null, route: "regional" } as const;

/**
 * `resource` is what the resource id says about the model: the ingester computes it once per
 * distinct resource id and classifies per distinct (line key, resource model) instead of per
 * resource id, which can be as many as the lines.
 */
export function classifyLine(key: CurLineKey, resource = resourceModel(key.resourceId)): Classification {
  const usageType = key.usageType.trim();
  const prefix = splitRegionPrefix(usageType);
  const draft = draftFor(key, usageType, prefix.rest, resource);
  const fromDescription = descriptionFields(key.description)[1];
  const region =
    prefix.region ??
    (fromDescription && /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/.test(fromDescription) ? fromDescription : null);
  return finish(key, draft, region, resource);
}

function draftFor(key: CurLineKey, usageType: string, rest: string, resource: ResourceModel): Draft {
  const feature = classifyFeature(rest, key.productCode);
  if (feature) {
    const { pricingModel, ...named } = feature;
    return { named, flags: { ...NON_TOKEN, pricingModel }, warnings: [] };
  }
  if (isMarketplaceUsageType(usageType)) return marketplaceDraft(key, usageType, resource);
  const fp = parseFirstParty(rest);
  if (!fp) return unknownDraft(usageType, "usage type matches no known Bedrock grammar");
  const base = modelFromBillingName(fp.billingName);
  const named = fp.customModel ? { model: `Custom Model: ${base.model}`, modelId: null } : base;
  return { named, flags: fp.flags, warnings: unknownWordsWarning(usageType, fp.flags) };
}

function marketplaceDraft(key: CurLineKey, usageType: string, resource: ResourceModel): Draft {
  const mp = parseMarketplace(usageType);
  if (!mp || (mp.flags.tokenType === "none" && !mp.flags.reserved)) {
    return unknownDraft(
      usageType,
      "Marketplace usage dimension is not a known token or reserved-tier dimension",
    );
  }
  // The service's own name (`Amazon Bedrock Service`) names no model: fall back to the resource ARN.
  const productName =
    key.productName && !GENERIC_PRODUCT.test(key.productName.trim()) ? key.productName : null;
  const named = productName ? modelFromProductName(productName) : modelFromModelId(resource.modelId ?? "");
  if (!named) return unknownDraft(usageType, "Marketplace line has no model product name or model ARN");
  const flags = mp.flags.reserved ? { ...mp.flags, ...NON_TOKEN } : mp.flags;
  return { named, flags, warnings: unknownWordsWarning(usageType, mp.flags) };
}

function unknownDraft(usageType: string, why: string): Draft {
  return {
    named: { model: `unknown: ${usageType}`, modelId: null },
    flags: { ...NON_TOKEN, pricingModel: "on_demand" },
    warnings: [`unrecognised Bedrock usage type "${usageType}" (${why}); kept as token_type none`],
  };
}

function unknownWordsWarning(usageType: string, flags: UsageFlags): string[] {
  if (!flags.unknownWords.length) return [];
  return [`usage type "${usageType}" has unrecognised modifier(s): ${flags.unknownWords.join(", ")}`];
}

function finish(
  key: CurLineKey,
  draft: Draft,
  region: string | null,
  resource: ResourceModel,
): Classification {
  const { named, flags } = draft;
  const warnings = [...draft.warnings];
  let scale = 0;
  if (flags.tokenType !== "none") {
    const perUnit = tokensPerUnit(key.pricingUnit, key.description);
    if (perUnit === null)
      warnings.push(`cannot scale usage to tokens: pricing unit "${key.pricingUnit ?? ""}"`);
    scale = perUnit ?? 0;
  }
  const isUnknown = named.model.startsWith("unknown: ");
  return {
    model: named.model,
    modelId: isUnknown ? null : (resource.modelId ?? named.modelId),
    tokenType: flags.tokenType,
    cacheTtl: flags.cacheTtl,
    pricingModel: resource.provisioned ? "provisioned" : flags.pricingModel,
    route: resource.provisioned ? "regional" : flags.route,
    region,
    tokensPerUnit: scale,
    ...(warnings.length ? { warning: warnings.join("; ") } : {}),
  };
}

/** Exposed for callers that only have a usage-type region code (`USE1`). */
export { regionForCode };
