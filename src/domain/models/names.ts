import { type CatalogIndex, type CatalogModel, indexCatalog } from "./catalog.js";

/**
 * Canonical model names (docs/architecture.md §4): the vendor's product name without vendor prefix, `Instruct`
 * or ` (Amazon Bedrock Edition)`, version digits exactly as the vendor writes them. The same model
 * must get the same name from a first-party billing name and from a Marketplace product name.
 */
export interface NamedModel {
  model: string;
  modelId: string | null;
}

/** Read-only lookup tables over constant data (not mutable module state). */
const CATALOG: CatalogIndex = indexCatalog();

const fromCatalog = (entry: CatalogModel): NamedModel => ({ model: entry.model, modelId: entry.modelId });

/** `Claude4.6Sonnet`, `Llama3-1-8B`, mantle `xai.grok-4.6` → canonical name (table first, then rules). */
export function modelFromBillingName(billingName: string): NamedModel {
  const known = CATALOG.byBillingName.get(billingName.toLowerCase());
  if (known) return fromCatalog(known);
  const byId = modelFromModelId(billingName);
  if (byId) return byId;
  const name = /^[a-z0-9-]+\.[a-z0-9]/.test(billingName)
    ? nameFromIdLike(billingName)
    : nameFromCamel(billingName);
  return { model: name, modelId: null };
}

const EDITION = /\s*\((?:Amazon\s+)?Bedrock Edition\)\s*$/i;
const VENDOR_PREFIX = /^(?:Amazon|Anthropic|Meta|Mistral AI|Cohere|AI21 Labs|Stability AI)\s+/i;

/** Marketplace `Claude Sonnet 4.6 (Amazon Bedrock Edition)`, `Meta Llama 3.1 8B Instruct` → canonical. */
export function modelFromProductName(productName: string): NamedModel {
  const name = productName
    .replace(EDITION, "")
    .replace(VENDOR_PREFIX, "")
    .replace(/\s+Instruct\b/gi, "")
    .replace(/\s+/g, " ")
    .trim();
  const known = CATALOG.byName.get(name.toLowerCase());
  return known ? fromCatalog(known) : { model: name, modelId: null };
}

/** A model id (`anthropic.claude-haiku-4-5-20251001-v1:0`, `…:0:200k`) → its catalog entry, if any. */
export function modelFromModelId(modelId: string): NamedModel | null {
  const id = modelId.toLowerCase();
  const exact = CATALOG.byModelId.get(id) ?? CATALOG.byModelId.get(id.replace(/:\d+k$/, ""));
  return exact ? fromCatalog(exact) : null;
}

/** Families the vendor writes with the version glued to the name (`Qwen3`, not `Qwen 3`). */
const GLUED_FAMILIES = new Set(["qwen"]);
/** Words of a CamelCase billing name: versions `4.6`, sizes `8B`, suffixes `V2`, capitalized words. */
const CAMEL_WORD = /[Vv]\d+(?![a-z])|\d+(?:\.\d+)*[BbMK]?(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;
const VERSION = /^\d+(?:\.\d+)*$/;

/**
 * General normalizer for billing names not in the table, so new models get sensible names.
 * Dashes between single version digits are version dots (`Llama3-1-8B` → 3.1); the name is never
 * split on every dash. Claude ≥ 4 reads `Claude <Family> <ver>`, Claude 3.x `Claude <ver> <Family>`.
 */
export function nameFromCamel(billingName: string): string {
  const dotted = billingName.replace(/(\d)-(\d)(?=-)/g, "$1.$2");
  const words: string[] = [];
  for (const chunk of dotted.split("-")) {
    for (const w of chunk.match(CAMEL_WORD) ?? []) {
      const prev = words[words.length - 1];
      if (prev && VERSION.test(w) && GLUED_FAMILIES.has(prev.toLowerCase()))
        words[words.length - 1] = prev + w;
      else words.push(w);
    }
  }
  return placeVersion(words).join(" ");
}

function placeVersion(words: string[]): string[] {
  const [family, version, ...rest] = words;
  if (!family || !version || !VERSION.test(version)) return words;
  if (/^nova$/i.test(family)) return [family, version.replace(/\.0$/, ""), ...rest];
  if (!/^claude$/i.test(family)) return words;
  const tail = rest.map((w) => (/^V\d+$/.test(w) ? w.toLowerCase() : w));
  const major = Number.parseInt(version, 10);
  if (major >= 4 && tail[0] && /^[A-Za-z]+$/.test(tail[0]))
    return [family, tail[0], version, ...tail.slice(1)];
  return [family, version, ...tail];
}

/** Mantle names are model-id-like (`xai.grok-4.6`): drop the vendor, keep dashes' words. */
export function nameFromIdLike(id: string): string {
  const base = id.slice(id.indexOf(".") + 1);
  return base
    .split("-")
    .filter(Boolean)
    .map((w) => {
      if (/^\d+(?:\.\d+)?b$/i.test(w)) return w.toUpperCase();
      return /^[a-z]/.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w;
    })
    .join(" ");
}
