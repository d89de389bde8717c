import { modelFromModelId, modelFromProductName } from "./names.js";

/**
 * Model names for ModelIds and inventory names, from the ONE model catalog the CUR classifier
 * uses (src/domain/models/catalog.ts), so a model is named the same in billed, estimated and
 * inventory data. The inventory wins when present; this is the fallback when it has not been
 * collected or the model is no longer listed. Version digits are never collapsed.
 */
export function fallbackModelName(baseModelId: string): string | null {
  return modelFromModelId(baseModelId)?.model ?? null;
}

/**
 * The vendor's product name without vendor prefix, `Instruct` and ` (Amazon Bedrock Edition)`
 * (docs/architecture.md §4), applied to names coming from ListFoundationModels.
 */
export function canonicalModelName(raw: string): string {
  return modelFromProductName(raw).model;
}
