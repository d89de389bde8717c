/**
 * Known Bedrock models: canonical name (docs/architecture.md §4), base model id, and how the bill spells them.
 * `billingNames` are the first-party usage-type names (`USE1-<billingName>-input-tokens`; they are
 * NOT model ids, docs/aws-data.md §1.5); `aliases` are other spellings seen in Marketplace product names
 * or the Price List `model` attribute. Models missing here still get a name from the normalizer.
 */
export interface CatalogModel {
  model: string;
  modelId: string;
  billingNames: string[];
  aliases?: string[];
}

export const MODEL_CATALOG: readonly CatalogModel[] = [
  { model: "Claude Sonnet 4.6", modelId: "anthropic.claude-sonnet-4-6", billingNames: ["Claude4.6Sonnet"] },
  { model: "Claude Opus 4.6", modelId: "anthropic.claude-opus-4-6-v1", billingNames: ["Claude4.6Opus"] },
  {
    model: "Claude Sonnet 4.5",
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    billingNames: ["Claude4.5Sonnet"],
  },
  {
    model: "Claude Haiku 4.5",
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    billingNames: ["Claude4.5Haiku"],
  },
  {
    model: "Claude Opus 4.5",
    modelId: "anthropic.claude-opus-4-5-20251101-v1:0",
    billingNames: ["Claude4.5Opus"],
  },
  {
    model: "Claude Opus 4.1",
    modelId: "anthropic.claude-opus-4-1-20250805-v1:0",
    billingNames: ["Claude4.1Opus"],
  },
  {
    model: "Claude Sonnet 4",
    modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    billingNames: ["Claude4Sonnet", "Claude4.0Sonnet"],
  },
  {
    model: "Claude Opus 4",
    modelId: "anthropic.claude-opus-4-20250514-v1:0",
    billingNames: ["Claude4Opus", "Claude4.0Opus"],
  },
  {
    model: "Claude 3.7 Sonnet",
    modelId: "anthropic.claude-3-7-sonnet-20250219-v1:0",
    billingNames: ["Claude3.7Sonnet"],
  },
  {
    model: "Claude 3.5 Sonnet v2",
    modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0",
    billingNames: ["Claude3.5SonnetV2"],
  },
  {
    model: "Claude 3.5 Sonnet",
    modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    billingNames: ["Claude3.5Sonnet"],
  },
  {
    model: "Claude 3.5 Haiku",
    modelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
    billingNames: ["Claude3.5Haiku"],
  },
  { model: "Claude 3 Opus", modelId: "anthropic.claude-3-opus-20240229-v1:0", billingNames: ["Claude3Opus"] },
  {
    model: "Claude 3 Sonnet",
    modelId: "anthropic.claude-3-sonnet-20240229-v1:0",
    billingNames: ["Claude3Sonnet"],
  },
  {
    model: "Claude 3 Haiku",
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    billingNames: ["Claude3Haiku"],
  },
  { model: "Claude 2.1", modelId: "anthropic.claude-v2:1", billingNames: ["Claude2.1"] },
  { model: "Claude 2.0", modelId: "anthropic.claude-v2", billingNames: ["Claude2.0", "Claude2"] },
  { model: "Claude Instant", modelId: "anthropic.claude-instant-v1", billingNames: ["ClaudeInstant"] },
  { model: "Nova Premier", modelId: "amazon.nova-premier-v1:0", billingNames: ["NovaPremier"] },
  { model: "Nova Pro", modelId: "amazon.nova-pro-v1:0", billingNames: ["NovaPro"] },
  { model: "Nova Lite", modelId: "amazon.nova-lite-v1:0", billingNames: ["NovaLite"] },
  { model: "Nova Micro", modelId: "amazon.nova-micro-v1:0", billingNames: ["NovaMicro"] },
  { model: "Nova 2 Lite", modelId: "amazon.nova-2-lite-v1:0", billingNames: ["Nova2.0Lite", "Nova2Lite"] },
  {
    model: "Titan Text Embeddings V2",
    modelId: "amazon.titan-embed-text-v2:0",
    billingNames: ["TitanTextEmbeddingsV2", "TitanEmbeddingsV2"],
  },
  { model: "Llama 3.1 8B", modelId: "meta.llama3-1-8b-instruct-v1:0", billingNames: ["Llama3-1-8B"] },
  { model: "Llama 3.1 70B", modelId: "meta.llama3-1-70b-instruct-v1:0", billingNames: ["Llama3-1-70B"] },
  { model: "Llama 3.1 405B", modelId: "meta.llama3-1-405b-instruct-v1:0", billingNames: ["Llama3-1-405B"] },
  { model: "Llama 3.2 1B", modelId: "meta.llama3-2-1b-instruct-v1:0", billingNames: ["Llama3-2-1B"] },
  { model: "Llama 3.2 3B", modelId: "meta.llama3-2-3b-instruct-v1:0", billingNames: ["Llama3-2-3B"] },
  { model: "Llama 3.2 11B", modelId: "meta.llama3-2-11b-instruct-v1:0", billingNames: ["Llama3-2-11B"] },
  { model: "Llama 3.2 90B", modelId: "meta.llama3-2-90b-instruct-v1:0", billingNames: ["Llama3-2-90B"] },
  { model: "Llama 3.3 70B", modelId: "meta.llama3-3-70b-instruct-v1:0", billingNames: ["Llama3-3-70B"] },
  {
    model: "Qwen3 32B",
    modelId: "qwen.qwen3-32b-v1:0",
    billingNames: ["Qwen3-32B", "qwen.qwen3-32b"],
  },
  {
    model: "gpt-oss-120b",
    modelId: "openai.gpt-oss-120b-1:0",
    billingNames: ["gpt-oss-120b", "openai.gpt-oss-120b"],
  },
  {
    model: "gpt-oss-20b",
    modelId: "openai.gpt-oss-20b-1:0",
    billingNames: ["gpt-oss-20b", "openai.gpt-oss-20b"],
  },
  {
    model: "Titan Embeddings G1 - Text",
    modelId: "amazon.titan-embed-text-v1",
    billingNames: [],
  },
  { model: "DeepSeek-R1", modelId: "deepseek.r1-v1:0", billingNames: [] },
  { model: "Embed v4", modelId: "cohere.embed-v4:0", billingNames: [] },
];

/** Case-insensitive lookups over a catalog (read-only once built). */
export interface CatalogIndex {
  byBillingName: Map<string, CatalogModel>;
  byName: Map<string, CatalogModel>;
  byModelId: Map<string, CatalogModel>;
}

export function indexCatalog(catalog: readonly CatalogModel[] = MODEL_CATALOG): CatalogIndex {
  const index: CatalogIndex = { byBillingName: new Map(), byName: new Map(), byModelId: new Map() };
  for (const entry of catalog) {
    for (const b of entry.billingNames) index.byBillingName.set(b.toLowerCase(), entry);
    for (const n of [entry.model, ...(entry.aliases ?? [])]) index.byName.set(n.toLowerCase(), entry);
    index.byModelId.set(entry.modelId.toLowerCase(), entry);
  }
  return index;
}
