/**
 * Fallback base model id → canonical model name (DESIGN §4) for when the foundation_model
 * inventory has not been collected or the model is no longer listed. The inventory wins.
 * Version digits are never collapsed: Claude 3 Sonnet ≠ Claude 3.5 Sonnet.
 */
export const FALLBACK_MODEL_NAMES: Record<string, string> = {
  "anthropic.claude-sonnet-4-6": "Claude Sonnet 4.6",
  "anthropic.claude-sonnet-4-5-20250929-v1:0": "Claude Sonnet 4.5",
  "anthropic.claude-sonnet-4-20250514-v1:0": "Claude Sonnet 4",
  "anthropic.claude-opus-4-6-v1": "Claude Opus 4.6",
  "anthropic.claude-opus-4-5-20251101-v1:0": "Claude Opus 4.5",
  "anthropic.claude-opus-4-1-20250805-v1:0": "Claude Opus 4.1",
  "anthropic.claude-opus-4-20250514-v1:0": "Claude Opus 4",
  "anthropic.claude-haiku-4-5-20251001-v1:0": "Claude Haiku 4.5",
  "anthropic.claude-3-7-sonnet-20250219-v1:0": "Claude 3.7 Sonnet",
  "anthropic.claude-3-5-sonnet-20241022-v2:0": "Claude 3.5 Sonnet v2",
  "anthropic.claude-3-5-sonnet-20240620-v1:0": "Claude 3.5 Sonnet",
  "anthropic.claude-3-5-haiku-20241022-v1:0": "Claude 3.5 Haiku",
  "anthropic.claude-3-opus-20240229-v1:0": "Claude 3 Opus",
  "anthropic.claude-3-sonnet-20240229-v1:0": "Claude 3 Sonnet",
  "anthropic.claude-3-haiku-20240307-v1:0": "Claude 3 Haiku",
  "amazon.nova-premier-v1:0": "Nova Premier",
  "amazon.nova-pro-v1:0": "Nova Pro",
  "amazon.nova-lite-v1:0": "Nova Lite",
  "amazon.nova-micro-v1:0": "Nova Micro",
  "amazon.nova-2-lite-v1:0": "Nova 2 Lite",
  "amazon.titan-embed-text-v2:0": "Titan Text Embeddings V2",
  "amazon.titan-embed-text-v1": "Titan Embeddings G1 - Text",
  "meta.llama3-1-8b-instruct-v1:0": "Llama 3.1 8B",
  "meta.llama3-1-70b-instruct-v1:0": "Llama 3.1 70B",
  "meta.llama3-1-405b-instruct-v1:0": "Llama 3.1 405B",
  "meta.llama3-2-1b-instruct-v1:0": "Llama 3.2 1B",
  "meta.llama3-2-3b-instruct-v1:0": "Llama 3.2 3B",
  "meta.llama3-2-11b-instruct-v1:0": "Llama 3.2 11B",
  "meta.llama3-2-90b-instruct-v1:0": "Llama 3.2 90B",
  "meta.llama3-3-70b-instruct-v1:0": "Llama 3.3 70B",
  "deepseek.r1-v1:0": "DeepSeek-R1",
  "cohere.embed-v4:0": "Embed v4",
};

/**
 * The vendor's product name without vendor prefix, `Instruct` and ` (Amazon Bedrock Edition)`
 * (DESIGN §4), applied to names coming from ListFoundationModels.
 */
export function canonicalModelName(raw: string): string {
  return raw
    .replace(/\s*\(Amazon Bedrock Edition\)\s*$/i, "")
    .replace(/^(Amazon|Anthropic|Meta)\s+/i, "")
    .replace(/\s+Instruct\b/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}
