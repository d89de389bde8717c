import type { BilledUsageCell } from "../../domain/savings.js";
import {
  accountLabel,
  callerName,
  cellKey,
  groupCells,
  perM,
  scopeOf,
  sumBy,
  tok,
  unitPrice,
  usd,
  usdOf,
} from "./cells.js";
import type { Candidate, EvidenceItem, SavingsContext } from "./types.js";

/**
 * PROMPT CACHING (possible): a heavy caller of a model with cache prices that never uses the cache
 * (no cache reads or writes in the window), at least 10 M input tokens and input/output ≥ 5.
 * With h = assumedCacheHitShare and ten reads per write:
 *   savings = h × input × (input price − cache-read price) − (h × input / 10) × (5-min cache-write price − input price)
 * Per account × model × principal; each region × route priced on its own.
 */

export const MIN_INPUT_TOKENS = 10_000_000;
export const MIN_INPUT_OUTPUT_RATIO = 5;
export const READS_PER_WRITE = 10;

interface Part {
  input: number;
  inputPrice: number;
  readPrice: number;
  writePrice: number;
  cells: BilledUsageCell[];
}

function parts(ctx: SavingsContext, inputs: readonly BilledUsageCell[]): Part[] {
  const out: Part[] = [];
  for (const group of groupCells(inputs, ["region", "route"]).values()) {
    const c = group[0];
    const q = { route: c.route, pricingModel: "on_demand" };
    const inputPrice = unitPrice(ctx, c, { ...q, tokenType: "input" });
    const readPrice = unitPrice(ctx, c, { ...q, tokenType: "cache_read" });
    const writePrice = unitPrice(ctx, c, { ...q, tokenType: "cache_write", cacheTtl: "5m" });
    if (inputPrice === null || readPrice === null || writePrice === null) continue;
    out.push({ input: sumBy(group, (x) => x.tokens), inputPrice, readPrice, writePrice, cells: group });
  }
  return out;
}

function partSaving(p: Part, h: number): number {
  return (
    usdOf(h * p.input, p.inputPrice - p.readPrice) -
    usdOf((h * p.input) / READS_PER_WRITE, p.writePrice - p.inputPrice)
  );
}

function candidate(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate | null {
  if (cells.some((x) => x.tokenType === "cache_read" || x.tokenType === "cache_write")) return null;
  const onDemand = cells.filter((x) => x.pricingModel === "on_demand");
  const inputs = onDemand.filter((x) => x.tokenType === "input");
  const input = sumBy(inputs, (x) => x.tokens);
  const output = sumBy(
    onDemand.filter((x) => x.tokenType === "output"),
    (x) => x.tokens,
  );
  if (input < MIN_INPUT_TOKENS || input < MIN_INPUT_OUTPUT_RATIO * output) return null;
  const h = ctx.assumedCacheHitShare;
  const ps = parts(ctx, inputs);
  if (!ps.length) return null;
  const saving = sumBy(ps, (p) => partSaving(p, h));
  if (saving <= 0) return null;
  const c = inputs[0];
  const items: EvidenceItem[] = [
    { label: "input tokens, on-demand", value: input, unit: "tokens" },
    { label: "output tokens, on-demand", value: output, unit: "tokens" },
    { label: "assumed cache-hit share h", value: h, unit: "share" },
    ...ps.flatMap((p) => [
      { label: "input price", value: p.inputPrice, unit: "USD per 1M tokens" as const },
      { label: "cache-read price", value: p.readPrice, unit: "USD per 1M tokens" as const },
      { label: "cache-write price (5-minute TTL)", value: p.writePrice, unit: "USD per 1M tokens" as const },
    ]),
  ];
  const terms = ps.map(
    (p) =>
      `${h} × ${tok(p.input)} × (${perM(p.inputPrice)} − ${perM(p.readPrice)}) − (${h} × ${tok(p.input)} / ${READS_PER_WRITE}) × (${perM(p.writePrice)} − ${perM(p.inputPrice)})`,
  );
  return {
    id: `prompt_caching:${c.account}:${c.model}:${c.principal ?? "-"}`,
    kind: "prompt_caching",
    title: `${callerName(c.principal)} in ${accountLabel(c)} sends ${tok(input)} of ${c.model} input without prompt caching`,
    scope: scopeOf(c, { principal: true }),
    windowSavingsUsd: saving,
    basisUsd: sumBy(inputs, (x) => x.costUsd),
    confidence: "possible",
    assumptions: [
      `${Math.round(h * 100)}% of the input tokens are a prefix that repeats across requests (assumedCacheHitShare).`,
      `Each cached prefix is read ${READS_PER_WRITE} times per write, within the 5-minute TTL.`,
      `List prices in effect on ${ctx.priceDay}; the same traffic as in the window.`,
    ],
    evidence: { items, arithmetic: `${terms.join(" + ")} = ${usd(saving)} in ${ctx.days} days` },
    action: [
      "Put the stable part of the prompt first (system prompt, tool definitions, shared documents) and add a cachePoint after it (Amazon Bedrock prompt caching, Converse or InvokeModel).",
      "After a week, check CacheReadInputTokenCount against CacheWriteInputTokenCount in CloudWatch: reads should be several times the writes.",
    ],
    actionableFrom: null,
    footprint: inputs.map(cellKey),
  };
}

export function promptCaching(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate[] {
  const out: Candidate[] = [];
  for (const group of groupCells(cells, ["account", "model", "principal"]).values()) {
    const cand = candidate(ctx, group);
    if (cand) out.push(cand);
  }
  return out;
}
