import {
  DEMO_RESOURCE_TAGS,
  type DemoAccount,
  type DemoModel,
  type DemoPrincipal,
  PAYER_ACCOUNT,
  REGION_CODES,
} from "../org.js";
import type { GenLine } from "./types.js";

/**
 * How the demo org's traffic is billed: first-party usage types (`USE1-NovaPro-input-tokens`, unit
 * `1K tokens`) or Marketplace rows (`USE1-MP:USE1_InputTokenCount_Global-Units`, unit `Units`, the
 * real unit in the 3rd `|` field of the description). Grammar per docs/aws-data.md §1.5.
 */

export const REGION_NAMES: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "us-west-2": "US West (Oregon)",
  "eu-central-1": "EU (Frankfurt)",
};

export interface Channel {
  route: "regional" | "global";
  tier: "on_demand" | "batch" | "flex" | "priority";
  share: number;
  billing: "first_party" | "marketplace";
}

const TIER_SHARE = { batch: 0.2, flex: 0.1, priority: 0.05 } as const;
const TIER_PRICE = { on_demand: 1, batch: 0.5, flex: 0.5, priority: 1.75 } as const;

export function channelsOf(m: DemoModel): Channel[] {
  const global = m.globalFactor ? 0.4 : 0;
  const tiers = (m.tiers ?? []).map((t) => ({ tier: t, share: TIER_SHARE[t] * (1 - global) }));
  const regionalOnDemand = 1 - global - tiers.reduce((s, t) => s + t.share, 0);
  const billingFor = (route: Channel["route"]): Channel["billing"] =>
    m.billing === "both" ? (route === "global" ? "marketplace" : "first_party") : m.billing;
  const out: Channel[] = [
    { route: "regional", tier: "on_demand", share: regionalOnDemand, billing: billingFor("regional") },
    ...tiers.map((t) => ({ route: "regional" as const, ...t, billing: billingFor("regional") })),
  ];
  if (global) out.push({ route: "global", tier: "on_demand", share: global, billing: billingFor("global") });
  return out;
}

export interface TokenKind {
  kind: "input" | "output" | "cache_read" | "cache_write_5m" | "cache_write_1h";
  ratio: number;
  /** USD per 1M tokens before route/tier factors. */
  price: number;
}

export function tokenKinds(m: DemoModel, ch: Channel): TokenKind[] {
  const out: TokenKind[] = [
    { kind: "input", ratio: 1, price: m.price.input },
    { kind: "output", ratio: m.outputRatio, price: m.price.output },
  ];
  if (ch.tier !== "on_demand") return out;
  const cr = m.cacheReadRatio ?? 0;
  if (cr && m.price.cacheRead) out.push({ kind: "cache_read", ratio: cr, price: m.price.cacheRead });
  if (cr && m.price.cacheWrite5m)
    out.push({ kind: "cache_write_5m", ratio: cr * 0.1, price: m.price.cacheWrite5m });
  if (cr && m.price.cacheWrite1h && ch.billing === "marketplace")
    out.push({ kind: "cache_write_1h", ratio: cr * 0.02, price: m.price.cacheWrite1h });
  return out;
}

const FP_KIND = {
  input: "input-tokens",
  output: "output-tokens",
  cache_read: "cache-read-input-token-count",
  cache_write_5m: "cache-write-input-token-count",
  cache_write_1h: "cache-write-input-token-count-1h",
} as const;
const MP_DIM = {
  input: ["InputTokenCount", "Input Tokens"],
  output: ["OutputTokenCount", "Output Tokens"],
  cache_read: ["CacheReadInputTokenCount", "Cache Read Input Tokens"],
  cache_write_5m: ["CacheWriteInputTokenCount", "Cache Write Input Tokens"],
  cache_write_1h: ["CacheWrite1hInputTokenCount", "Cache Write 1h Input Tokens"],
} as const;

/** Marketplace usage type and description unit for one token kind / channel. */
export function mpUsage(
  region: string,
  k: TokenKind["kind"],
  ch: Channel,
): { usageType: string; unit: string } {
  const rc = REGION_CODES[region];
  const suffix = `${ch.route === "global" ? "_Global" : ""}${ch.tier === "batch" ? "_Batch" : ""}`;
  const unit = `Million ${MP_DIM[k][1]} ${ch.route === "global" ? "Global" : "Regional"}${ch.tier === "batch" ? " Batch" : ""}`;
  return { usageType: `${rc}-MP:${rc}_${MP_DIM[k][0]}${suffix}-Units`, unit };
}

/** Marketplace product codes are opaque 25-char ids; derive a stable one per model. */
export function marketplaceCode(model: string): string {
  let h = 7;
  let out = "";
  for (let i = 0; i < 25; i++) {
    for (let j = 0; j < model.length; j++) h = (Math.imul(h, 31) + model.charCodeAt(j) + i) >>> 0;
    out += "abcdefghijklmnopqrstuvwxyz0123456789"[h % 36];
  }
  return out;
}

export interface LineContext {
  day: string;
  account: DemoAccount;
  region: string;
  model: DemoModel;
  principal: DemoPrincipal;
  /** Traffic through the account's tagged application inference profile. */
  tagged: boolean;
  streaming: boolean;
}

function resourceArn(c: LineContext, ch: Channel): string {
  if (ch.route === "global")
    return `arn:aws:bedrock:${c.region}:${c.account.id}:inference-profile/global.${c.model.modelId}`;
  if (c.tagged && ch.tier === "on_demand")
    return `arn:aws:bedrock:${c.region}:${c.account.id}:application-inference-profile/${c.account.id.slice(0, 4)}app${c.region.slice(-1)}`;
  return `arn:aws:bedrock:${c.region}::foundation-model/${c.model.modelId}`;
}

export function usageLine(c: LineContext, ch: Channel, k: TokenKind, tokens: number): GenLine {
  const usdPerM = k.price * (ch.route === "global" ? (c.model.globalFactor ?? 1) : 1) * TIER_PRICE[ch.tier];
  const cost = (tokens / 1e6) * usdPerM;
  const resourceId = resourceArn(c, ch);
  const resourceTags = resourceId.includes(":application-inference-profile/")
    ? Object.fromEntries(
        Object.entries(DEMO_RESOURCE_TAGS[c.account.id] ?? {}).map(([key, v]) => [`user_${key}`, v]),
      )
    : {};
  const common = {
    start: `${c.day}T00:00:00Z`,
    hours: 24,
    payer: PAYER_ACCOUNT,
    account: c.account.id,
    accountName: c.account.name,
    lineItemType: "Usage",
    region: c.region,
    cost,
    listCost: cost,
    resourceId,
    principal: c.principal.arn,
    resourceTags,
    tags: c.principal.tags,
    taxType: "",
  };
  if (ch.billing === "marketplace") {
    const mp = mpUsage(c.region, k.kind, ch);
    return {
      ...common,
      billingEntity: "AWS Marketplace",
      productCode: marketplaceCode(c.model.model),
      productName: `${c.model.model} (Amazon Bedrock Edition)`,
      productFamily: "Machine Learning",
      usageType: mp.usageType,
      operation: "Usage",
      description: `AWS Marketplace software usage|${c.region}|${mp.unit}`,
      pricingUnit: "Units",
      usageAmount: tokens / 1e6,
      rate: fmtRate(usdPerM),
    };
  }
  const claude = c.model.provider === "Anthropic";
  const modifier =
    ch.route === "global" ? "-cross-region-global" : ch.tier === "on_demand" ? "" : `-${ch.tier}`;
  const usageType = `${REGION_CODES[c.region]}-${c.model.billingName}-${FP_KIND[k.kind]}${modifier}`;
  return {
    ...common,
    billingEntity: "AWS",
    productCode: claude ? "AmazonBedrockService" : "AmazonBedrock",
    productName: claude ? "Amazon Bedrock Service" : "Amazon Bedrock",
    productFamily: "Amazon Bedrock",
    usageType,
    operation:
      ch.tier === "batch"
        ? "InvokeModelBatchInference"
        : c.streaming
          ? "InvokeModelStreamingInference"
          : "InvokeModelInference",
    description: `$${fmtRate(usdPerM / 1000)} per 1K ${k.kind.replace(/_/g, " ")} tokens for ${c.model.billingName} in ${REGION_NAMES[c.region]}`,
    pricingUnit: "1K tokens",
    usageAmount: tokens / 1000,
    rate: fmtRate(usdPerM / 1000),
  };
}

/** Rates are strings in CUR; print them without binary-float noise. */
function fmtRate(v: number): string {
  return String(Number(v.toPrecision(10)));
}
