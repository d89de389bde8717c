import type { PricingModel, Route } from "../usage-type/classify.js";
import { canonicalModelName, fallbackModelName } from "./fallback-names.js";

/**
 * CloudWatch / invocation-log `ModelId` → canonical model, route and pricing model. Pure.
 *
 * The dimension value is whatever the caller passed (docs/aws-data.md §2.2): a base model id, a system
 * inference profile id (`us.`, `eu.`, `apac.`, `global.` …), an inference-profile or
 * application-inference-profile ARN, a foundation-model ARN, or a provisioned-model ARN.
 * Service-tier traffic shows up as `<model-id>+priority` / `<model-id>+flex`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/service-tiers-inference.html).
 */

export interface ModelIdContext {
  /** Base model id → model name from the foundation_model inventory (raw AWS name). */
  names?: ReadonlyMap<string, string>;
  /** Provisioned-model ARN → its foundation (or custom) model ARN. */
  provisioned?: ReadonlyMap<string, string>;
  /** Application inference profile ARN → the model ARNs it routes to. */
  applicationProfiles?: ReadonlyMap<string, string[]>;
}

export interface ModelIdInfo {
  /** Canonical name (docs/architecture.md §4); the base id itself when the model is unknown. */
  model: string;
  /** Base foundation model id (no geo prefix, no tier suffix), null when unresolvable. */
  baseModelId: string | null;
  route: Route;
  pricingModel: PricingModel;
}

const GEO_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\.(?=[a-z0-9-]+\.)/;
const TIER_SUFFIX = /\+(priority|flex|batch|latency-optimized|reserved)$/;
const CONTEXT_VARIANT = /:(\d+k|mm)$/;

function arnResource(arn: string): { type: string; id: string } | null {
  const m = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(arn);
  return m ? { type: m[1], id: m[2] } : null;
}

function tierOf(suffix: string | undefined): PricingModel {
  if (suffix === "latency-optimized") return "latency_optimized";
  if (suffix === "priority" || suffix === "flex" || suffix === "batch" || suffix === "reserved")
    return suffix;
  return "on_demand";
}

/** Strips the geo/global profile prefix: `us.anthropic.x` → { base: `anthropic.x`, global: false }. */
function stripProfile(id: string): { base: string; global: boolean } {
  const m = GEO_PREFIX.exec(id);
  if (!m) return { base: id, global: false };
  return { base: id.slice(m[0].length), global: m[1] === "global" };
}

export function modelNameFor(baseId: string, ctx: ModelIdContext = {}): string {
  const known = ctx.names?.get(baseId) ?? ctx.names?.get(baseId.replace(CONTEXT_VARIANT, ""));
  if (known) return canonicalModelName(known);
  return fallbackModelName(baseId) ?? fallbackModelName(baseId.replace(CONTEXT_VARIANT, "")) ?? baseId;
}

function fromModelArn(arn: string, ctx: ModelIdContext, pricingModel: PricingModel): ModelIdInfo {
  const res = arnResource(arn);
  if (res && (res.type === "foundation-model" || res.type === "inference-profile")) {
    const inner = resolveModelId(res.id, ctx);
    return { ...inner, pricingModel };
  }
  // Custom (fine-tuned/imported) models keep their ARN resource as the name.
  return { model: res ? `Custom model ${res.id}` : arn, baseModelId: null, route: "regional", pricingModel };
}

export function resolveModelId(raw: string, ctx: ModelIdContext = {}): ModelIdInfo {
  const tier = TIER_SUFFIX.exec(raw);
  const id = tier ? raw.slice(0, tier.index) : raw;
  const pricingModel = tierOf(tier?.[1]);
  const res = arnResource(id);
  if (res?.type === "provisioned-model") {
    const modelArn = ctx.provisioned?.get(id);
    if (!modelArn)
      return {
        model: `Provisioned model ${res.id}`,
        baseModelId: null,
        route: "regional",
        pricingModel: "provisioned",
      };
    return { ...fromModelArn(modelArn, ctx, "provisioned"), route: "regional" };
  }
  if (res?.type === "application-inference-profile") {
    const models = ctx.applicationProfiles?.get(id);
    if (!models?.length)
      return { model: `Application profile ${res.id}`, baseModelId: null, route: "regional", pricingModel };
    return fromModelArn(models[0], ctx, pricingModel);
  }
  if (res) return fromModelArn(id, ctx, pricingModel);
  const { base, global } = stripProfile(id);
  return {
    model: modelNameFor(base, ctx),
    baseModelId: base,
    route: global ? "global" : "regional",
    pricingModel,
  };
}
