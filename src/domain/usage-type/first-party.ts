import { firstPartyWords, readFlags, type UsageFlags } from "./usage-flags.js";

/**
 * First-party grammar (docs/aws-data.md §1.5): `<BillingName>-<kind>[-<modifier>…]` once the region prefix
 * is gone. Kinds: input-tokens, output-tokens, cache-read-input-token-count,
 * cache-write-input-token-count, and Price List variants (`text-input-tokens`,
 * `input-image-token-count`, mantle `cache-read-tokens`). Mantle names end in `-mantle`
 * (`xai.grok-4.6-mantle-input-tokens-standard`). The billing name itself may contain dashes
 * (`Llama3-1-8B`), so we locate the kind instead of splitting on '-'.
 */
const KIND =
  /-(?:(?:text|speech-understanding|speech-generation)-)?(?:cache-(?:read|write)(?:-(?:1h|5m))?-(?:input-)?tokens?(?:-count)?|(?:input|output)(?:-(?:image|audio|video|text|speech))?-tokens?(?:-count)?)(?=-|$)/iy;
/** Cheap scan for where a kind may start; the full KIND pattern is then tried only there. */
const KIND_START = /-(?:cache|input|output|text|speech)-/gi;

export interface FirstPartyUsage {
  billingName: string;
  flags: UsageFlags;
  /** Inference on a customized (fine-tuned) model: `…-input-tokens-custom-model`. */
  customModel: boolean;
}

export function parseFirstParty(rest: string): FirstPartyUsage | null {
  const at = findKind(rest);
  if (at <= 0) return null;
  const billingName = rest.slice(0, at).replace(/-mantle$/i, "");
  const words = firstPartyWords(rest.slice(at));
  const customModel = words.includes("custom");
  const flags = readFlags(customModel ? words.filter((w) => w !== "custom" && w !== "model") : words);
  return { billingName, flags, customModel };
}

/** Index of the leftmost dash that starts a token kind, or -1. */
function findKind(rest: string): number {
  for (const candidate of rest.matchAll(KIND_START)) {
    KIND.lastIndex = candidate.index;
    if (KIND.test(rest)) return candidate.index;
  }
  return -1;
}
