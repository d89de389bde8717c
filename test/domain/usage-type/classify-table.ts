import type { CurLineKey } from "../../../src/domain/usage-type/classify.js";

/**
 * Real usage-type strings from docs/aws-data.md §1.5/§6, the AWS blog CUR sample
 * (test/fixtures/cur2/aws-ml-blog-iam-principal-cur2-example-rows.csv) and public Price List rows
 * (provisioned throughput, customization, mantle, modality variants), each with the classification
 * it must get. Columns: usage type | model | token_type | cache TTL | pricing_model | route | region |
 * tokens per unit | then either `unit=<pricing_unit>` (first-party, default `1K tokens`) or a
 * Marketplace product name and the description's unit field (default `Million Input Tokens Regional`).
 */
const FIRST_PARTY_ROWS = `
USE1-NovaPro-input-tokens | Nova Pro | input | - | on_demand | regional | us-east-1 | 1000
USE1-NovaPro-output-tokens | Nova Pro | output | - | on_demand | regional | us-east-1 | 1000
APN1-NovaPro-input-tokens-batch | Nova Pro | input | - | batch | regional | ap-northeast-1 | 1000
USE1-NovaPro-input-tokens-priority | Nova Pro | input | - | priority | regional | us-east-1 | 1000
USE1-NovaPro-output-tokens-flex | Nova Pro | output | - | flex | regional | us-east-1 | 1000
USE1-NovaPro-cache-read-input-token-count | Nova Pro | cache_read | - | on_demand | regional | us-east-1 | 1000
USE1-Nova2.0Lite-cache-write-input-token-count | Nova 2 Lite | cache_write | 5m | on_demand | regional | us-east-1 | 1000
USE1-Claude4Sonnet-input-tokens-cross-region-global | Claude Sonnet 4 | input | - | on_demand | global | us-east-1 | 1000
USE1-Claude4.5Haiku-cache-read-input-token-count-cross-region-global | Claude Haiku 4.5 | cache_read | - | on_demand | global | us-east-1 | 1000
APN1-Nova2.0Lite-input-tokens-cross-region-global | Nova 2 Lite | input | - | on_demand | global | ap-northeast-1 | 1000
USE1-Claude2.0-input-tokens | Claude 2.0 | input | - | on_demand | regional | us-east-1 | 1000
USE1-Claude4.6Opus-output-tokens | Claude Opus 4.6 | output | - | on_demand | regional | us-east-1 | 1000
USE1-Claude4.6Opus-input-tokens | Claude Opus 4.6 | input | - | on_demand | regional | us-east-1 | 1000
USE1-Claude4.6Sonnet-input-tokens | Claude Sonnet 4.6 | input | - | on_demand | regional | us-east-1 | 1000
USE1-Claude4.6Sonnet-output-tokens | Claude Sonnet 4.6 | output | - | on_demand | regional | us-east-1 | 1000
USE1-NovaLite-input-tokens | Nova Lite | input | - | on_demand | regional | us-east-1 | 1000
USE1-NovaLite-output-tokens | Nova Lite | output | - | on_demand | regional | us-east-1 | 1000
USE1-Llama3-1-8B-input-tokens-batch | Llama 3.1 8B | input | - | batch | regional | us-east-1 | 1000
USW2-Llama3-3-70B-output-tokens | Llama 3.3 70B | output | - | on_demand | regional | us-west-2 | 1000
EU-Claude3Sonnet-input-tokens | Claude 3 Sonnet | input | - | on_demand | regional | eu-west-1 | 1000
EUC1-Claude3.5SonnetV2-output-tokens | Claude 3.5 Sonnet v2 | output | - | on_demand | regional | eu-central-1 | 1000
USE2-Llama3-1-70B-input-tokens-latency-optimized | Llama 3.1 70B | input | - | latency_optimized | regional | us-east-2 | 1000
UGW1-Claude4.5Sonnet-input-tokens | Claude Sonnet 4.5 | input | - | on_demand | regional | us-gov-west-1 | 1000
CAN1-Claude3Haiku-output-tokens | Claude 3 Haiku | output | - | on_demand | regional | ca-central-1 | 1000
APS4-NovaMicro-input-tokens | Nova Micro | input | - | on_demand | regional | ap-southeast-3 | 1000
APN1-xai.grok-4.6-mantle-input-tokens-standard | Grok 4.6 | input | - | on_demand | regional | ap-northeast-1 | 1000000 | unit=1M tokens
USE1-qwen.qwen3-32b-mantle-output-tokens-batch | Qwen3 32B | output | - | batch | regional | us-east-1 | 1000
USE1-Qwen3-32B-input-tokens-flex | Qwen3 32B | input | - | flex | regional | us-east-1 | 1000
USE1-Nova2.0Lite-output-tokens-flex-cross-region-global | Nova 2 Lite | output | - | flex | global | us-east-1 | 1000
USE1-Nova2.0Pro-text-input-tokens-cross-region-global | Nova 2 Pro | input | - | on_demand | global | us-east-1 | 1000
USE1-NovaLite-input-tokens-custom-model | Custom Model: Nova Lite | input | - | on_demand | regional | us-east-1 | 1000
`;

/** Marketplace grammar `<RC>-MP:<RC>_<Dimension>-Units`: every dimension quoted in docs/aws-data.md §1.5. */
const MARKETPLACE_ROWS = `
USE1-MP:USE1_InputTokenCount-Units | Claude Sonnet 4.6 | input | - | on_demand | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USW2-MP:USW2_InputTokenCount-Units | Claude Haiku 4.5 | input | - | on_demand | regional | us-west-2 | 1000000 | Claude Haiku 4.5 (Amazon Bedrock Edition)
USE1-MP:USE1_OutputTokenCount-Units | Claude Sonnet 4.6 | output | - | on_demand | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition) | Million Output Tokens Regional
USE1-MP:USE1_InputTokenCount_Global-Units | Claude Sonnet 4.6 | input | - | on_demand | global | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition) | Million Input Tokens Global
USE1-MP:USE1_CacheReadInputTokenCount-Units | Claude Haiku 4.5 | cache_read | - | on_demand | regional | us-east-1 | 1000000 | Claude Haiku 4.5 (Amazon Bedrock Edition)
USE1-MP:USE1_CacheWriteInputTokenCount-Units | Claude Haiku 4.5 | cache_write | 5m | on_demand | regional | us-east-1 | 1000000 | Claude Haiku 4.5 (Amazon Bedrock Edition)
USE1-MP:USE1_CacheWrite1hInputTokenCount_Global-Units | Claude Sonnet 4.6 | cache_write | 1h | on_demand | global | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_InputTokenCount_Batch-Units | Claude Haiku 4.5 | input | - | batch | regional | us-east-1 | 1000000 | Claude Haiku 4.5 (Amazon Bedrock Edition)
USE1-MP:USE1_InputTokenCount_Global_Batch-Units | Claude Haiku 4.5 | input | - | batch | global | us-east-1 | 1000000 | Claude Haiku 4.5 (Amazon Bedrock Edition)
USE1-MP:USE1_InputTokenCount_LCtx-Units | Claude Sonnet 4.6 | input | - | on_demand | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_Reserved_1Month_InputTPM_Geo-Units | Claude Sonnet 4.6 | none | - | reserved | regional | us-east-1 | 0 | Claude Sonnet 4.6 (Amazon Bedrock Edition) | Thousand Input TPM
USE1-MP:USE1_input_tokens_standard-Units | Claude 3.5 Sonnet v2 | input | - | on_demand | regional | us-east-1 | 1000000 | Claude 3.5 Sonnet v2 (Amazon Bedrock Edition)
USE1-MP:USE1_output_tokens_standard-Units | Claude Sonnet 4.6 | output | - | on_demand | regional | us-east-1 | 1000 | Claude Sonnet 4.6 (Amazon Bedrock Edition) | Thousand Output Tokens
USE1-MP:USE1_input_tokens_global_standard-Units | Claude Sonnet 4.6 | input | - | on_demand | global | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_cache_read_tokens_standard-Units | Claude Sonnet 4.6 | cache_read | - | on_demand | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_cache_write_tokens_1h_standard-Units | Claude Sonnet 4.6 | cache_write | 1h | on_demand | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_input_tokens_batch-Units | Llama 3.1 8B | input | - | batch | regional | us-east-1 | 1000000 | Meta Llama 3.1 8B Instruct
USE1-MP:USE1_input_tokens_priority-Units | Claude Sonnet 4.6 | input | - | priority | regional | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
USE1-MP:USE1_input_tokens_global_flex-Units | Claude Sonnet 4.6 | input | - | flex | global | us-east-1 | 1000000 | Claude Sonnet 4.6 (Amazon Bedrock Edition)
`;

/**
 * Provisioned throughput, customization, features and lines nobody recognises. The Guardrail and
 * KnowledgeBase spellings are not published anywhere we could check: they are illustrative of the
 * CID substring rules (`guardrail`, `knowledgebase`); the other rows are real Price List strings.
 */
const NON_TOKEN_ROWS = `
USE1-Nova2.0Lite-ProvisionedThroughput-NoCommit-ModelUnits | Nova 2 Lite | none | - | provisioned | regional | us-east-1 | 0 | unit=hours
USE1-Nova2.0Lite-ProvisionedThroughput-1month-ModelUnits | Nova 2 Lite | none | - | provisioned | regional | us-east-1 | 0 | unit=hours
USE1-TitanText-Premier-ProvisionedThroughput-Custom-NoCommit-ModelUnits | Custom Model: Titan Text Premier | none | - | provisioned | regional | us-east-1 | 0
USE1-NovaMicro-Model-Customization-input-tokens | Model Customization: Nova Micro | none | - | on_demand | regional | us-east-1 | 0
USE1-Nova2.0Lite-RFT-Training-Hours | Model Customization: Nova 2 Lite | none | - | on_demand | regional | us-east-1 | 0
USE1-Nova2.0Lite-Customization-Storage | Model Customization: Nova 2 Lite | none | - | on_demand | regional | us-east-1 | 0
USE1-OSS-CustomModelImport-Inference-v1:0 | Custom Model Import | none | - | on_demand | regional | us-east-1 | 0
USE1-Guardrail-ContentPolicyUnits | Guardrails | none | - | on_demand | regional | us-east-1 | 0
USW2-KnowledgeBase-StructuredData-Queries | Knowledge Bases | none | - | on_demand | regional | us-west-2 | 0
USE1-Nova2.0Lite-nova-grounding | unknown: USE1-Nova2.0Lite-nova-grounding | none | - | on_demand | regional | us-east-1 | 0
USE1-MP:USE1_ImageCount-Units | unknown: USE1-MP:USE1_ImageCount-Units | none | - | on_demand | regional | us-east-1 | 0 | Stable Image Ultra (Amazon Bedrock Edition)
`;

export interface Row {
  usageType: string;
  model: string;
  tokenType: string;
  cacheTtl: string | null;
  pricingModel: string;
  route: string;
  region: string | null;
  tokensPerUnit: number;
  /** Overrides for the CUR key (Marketplace product name, unit, …). */
  key: Partial<CurLineKey>;
}

function keyFor(extra: string[]): Partial<CurLineKey> {
  const [first, unitText = "Million Input Tokens Regional"] = extra;
  if (!first) return {};
  if (first.startsWith("unit=")) return { pricingUnit: first.slice(5) };
  return {
    productCode: "8x4kq2mbm7e0e9xnqpzu0vqzc",
    billingEntity: "AWS Marketplace",
    productName: first,
    pricingUnit: "Units",
    description: `AWS Marketplace software usage|us-east-1|${unitText}`,
  };
}

function parse(table: string): Row[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const [usageType, model, tokenType, ttl, pricingModel, route, region, perUnit, ...extra] = line
        .split("|")
        .map((c) => c.trim());
      return {
        usageType: usageType!,
        model: model!,
        tokenType: tokenType!,
        cacheTtl: ttl === "-" ? null : ttl!,
        pricingModel: pricingModel!,
        route: route!,
        region: region === "-" ? null : region!,
        tokensPerUnit: Number(perUnit),
        key: keyFor(extra),
      };
    });
}

export const FIRST_PARTY = parse(FIRST_PARTY_ROWS);
export const MARKETPLACE = parse(MARKETPLACE_ROWS);
export const NON_TOKEN = parse(NON_TOKEN_ROWS);
