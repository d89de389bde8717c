import { firstPartyWords, readFlags, type UsageFlags } from "./usage-flags.js";

/**
 * First-party grammar (reference §1.5): `<BillingName>-<kind>[-<modifier>…]` once the region prefix
 * is gone. Kinds: input-tokens, output-tokens, cache-read-input-token-count,
 * cache-write-input-token-count, and Price List variants (`text-input-tokens`,
 * `input-image-token-count`, mantle `cache-read-tokens`). Mantle names end in `-mantle`
 * (`xai.grok-4.6-mantle-input-tokens-standard`). The billing name itself may contain dashes
 * (`Llama3-1-8B`), so we locate the kind instead of splitting on '-'.
 */
const KIND =
  /-(?:(?:text|speech-understanding|speech-generation)-)?(?:cache-(?:read|write)(?:-(?:1h|5m))?-(?:input-)?tokens?(?:-count)?|(?:input|output)(?:-(?:image|audio|video|text|speech))?-tokens?(?:-count)?)(?=-|$)/i;

export interface FirstPartyUsage {
  billingName: string;
  flags: UsageFlags;
  /** Inference on a customized (fine-tuned) model: `…-input-tokens-custom-model`. */
  customModel: boolean;
}

export function parseFirstParty(rest: string): FirstPartyUsage | null {
  const m = KIND.exec(rest);
  if (!m || m.index === 0) return null;
  const billingName = rest.slice(0, m.index).replace(/-mantle$/i, "");
  const words = firstPartyWords(rest.slice(m.index));
  const customModel = words.includes("custom");
  const flags = readFlags(customModel ? words.filter((w) => w !== "custom" && w !== "model") : words);
  return { billingName, flags, customModel };
}
