import { type CurLineKey, classifyLine } from "../../src/domain/usage-type/classify.js";
import { DEMO_MODELS } from "../../src/synthetic/org.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * Distinct-key classification throughput. The ingester classifies once per distinct key, so even a
 * large org has a few thousand keys; the target keeps 5,000 keys under 0.25 s on a shared 2-core machine.
 */
const SUFFIXES = [
  "input-tokens",
  "output-tokens",
  "cache-read-input-token-count",
  "cache-write-input-token-count",
  "input-tokens-batch",
  "output-tokens-flex",
  "input-tokens-priority",
  "input-tokens-cross-region-global",
];
const REGIONS = ["USE1", "USE2", "USW2", "EUC1", "EU", "APN1", "APS1", "UGW1"];
const DIMENSIONS = [
  "InputTokenCount",
  "OutputTokenCount_Global",
  "CacheWrite1hInputTokenCount_Global",
  "input_tokens_batch",
];

function distinctKeys(): CurLineKey[] {
  const keys: CurLineKey[] = [];
  const base = { operation: "InvokeModelInference", resourceId: null };
  for (const m of DEMO_MODELS) {
    for (const rc of REGIONS) {
      for (const s of SUFFIXES) {
        const usageType = `${rc}-${m.billingName}-${s}`;
        keys.push({
          ...base,
          productCode: "AmazonBedrock",
          billingEntity: "AWS",
          productName: "Amazon Bedrock",
          usageType,
          description: null,
          pricingUnit: "1K tokens",
        });
      }
      for (const d of DIMENSIONS) {
        const productName = `${m.model} (Amazon Bedrock Edition)`;
        const description = "AWS Marketplace software usage|us-east-1|Million Input Tokens Regional";
        keys.push({
          ...base,
          productCode: "mp",
          billingEntity: "AWS Marketplace",
          productName,
          usageType: `${rc}-MP:${rc}_${d}-Units`,
          description,
          pricingUnit: "Units",
        });
      }
    }
  }
  return keys;
}

export const classifyBench: Bench = {
  name: "classify",
  async run(): Promise<BenchResult[]> {
    const keys = distinctKeys();
    for (const k of keys) classifyLine(k); // warm-up (JIT, regex compilation)
    const rounds = 20;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) for (const k of keys) classifyLine(k);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const perSecond = (keys.length * rounds) / seconds;
    const usPerKey = (seconds * 1e6) / (keys.length * rounds);
    return [
      { bench: "classify", metric: "distinct keys", value: keys.length, unit: "keys" },
      {
        bench: "classify",
        metric: "throughput",
        value: perSecond,
        unit: "keys/s",
        target: ">= 20000",
        pass: perSecond >= 20_000,
      },
      { bench: "classify", metric: "latency", value: usPerKey, unit: "µs/key" },
    ];
  },
};
