import { modelFromBillingName, type NamedModel } from "../models/names.js";
import type { PricingModel } from "../vocabulary.js";

/**
 * Bedrock lines that are not per-token model inference (CID CUDOS rules, docs/aws-data.md §1.5):
 * provisioned throughput, customization, custom model import, guardrails, knowledge bases, agents,
 * flows, evaluations, AgentCore. They get token_type none and a descriptive model name:
 * a feature name (`Guardrails`), `<Feature>: <model>` when the line names a model
 * (`Model Customization: Nova 2 Lite`), or the model itself for provisioned throughput, which is
 * inference capacity of that model (`USE1-Nova2.0Lite-ProvisionedThroughput-NoCommit-ModelUnits`).
 */
export interface FeatureLine extends NamedModel {
  pricingModel: PricingModel;
}

const PROVISIONED = /-?(?:ProvisionedThroughput|ModelUnits)(?=-|$)/i;
const CUSTOMIZATION = /-?(?:Model-)?(?:Customization|RFT-Training)(?=-|$)/i;

/** Simple features: first match wins; order matters (AgentCore before Agents). */
const FEATURES: ReadonlyArray<[RegExp, string]> = [
  [/agentcore/i, "AgentCore"],
  [/custommodelimport/i, "Custom Model Import"],
  [/guardrail/i, "Guardrails"],
  [/knowledge-?bases?/i, "Knowledge Bases"],
  [/evaluation/i, "Evaluations"],
  [/data-?automation/i, "Data Automation"],
  [/prompt-?optimi[sz]ation/i, "Prompt Optimization"],
  [/(?:^|-)(?:prompt-?)?flows?(?=-|$)/i, "Flows"],
  [/(?:^|-)agents?(?=-|$)/i, "Agents"],
];

function namedPart(feature: string, billingName: string): NamedModel {
  if (!billingName) return { model: feature, modelId: null };
  // No model id: this spend is not an invocation of the base model (lifecycle joins on model_id).
  return { model: `${feature}: ${modelFromBillingName(billingName).model}`, modelId: null };
}

/** `rest` is the usage type without its region prefix. */
export function classifyFeature(rest: string, productCode: string): FeatureLine | null {
  if (/^AmazonBedrockAgentCore$/i.test(productCode)) {
    return { model: "AgentCore", modelId: null, pricingModel: "on_demand" };
  }
  const pt = PROVISIONED.exec(rest);
  if (pt) {
    const billingName = rest.slice(0, pt.index);
    const custom = /(?:^|-)custom(?=-|$)/i.test(rest.slice(pt.index));
    const named = !billingName
      ? { model: "Provisioned Throughput", modelId: null }
      : custom
        ? namedPart("Custom Model", billingName)
        : modelFromBillingName(billingName);
    return { ...named, pricingModel: "provisioned" };
  }
  const cz = CUSTOMIZATION.exec(rest);
  if (cz) return { ...namedPart("Model Customization", rest.slice(0, cz.index)), pricingModel: "on_demand" };
  for (const [pattern, model] of FEATURES) {
    if (pattern.test(rest)) return { model, modelId: null, pricingModel: "on_demand" };
  }
  return null;
}
