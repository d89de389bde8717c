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
 * UNUSED CACHE WRITES (certain): a caller that writes its prompt cache more than it reads it pays
 * the cache-write premium for nothing. Without caching, written and read tokens would be plain input:
 *   savings = cache-write cost + cache-read cost − (write tokens + read tokens) × input price
 * when positive. Costs are billed; the input price is the list price of the same region, route and tier.
 * Per account × model × principal.
 */

interface Part {
  writeTokens: number;
  readTokens: number;
  writeUsd: number;
  readUsd: number;
  inputPrice: number;
  cells: BilledUsageCell[];
}

/** One part per region × route × tier: each has its own input price. */
function parts(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Part[] {
  const out: Part[] = [];
  for (const group of groupCells(cells, ["region", "route", "pricingModel"]).values()) {
    const c = group[0];
    const inputPrice = unitPrice(ctx, c, {
      route: c.route,
      pricingModel: c.pricingModel,
      tokenType: "input",
    });
    if (inputPrice === null) continue;
    const writes = group.filter((x) => x.tokenType === "cache_write");
    const reads = group.filter((x) => x.tokenType === "cache_read");
    out.push({
      writeTokens: sumBy(writes, (x) => x.tokens),
      readTokens: sumBy(reads, (x) => x.tokens),
      writeUsd: sumBy(writes, (x) => x.costUsd),
      readUsd: sumBy(reads, (x) => x.costUsd),
      inputPrice,
      cells: group,
    });
  }
  return out;
}

const partSaving = (p: Part) => p.writeUsd + p.readUsd - usdOf(p.writeTokens + p.readTokens, p.inputPrice);

function candidate(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate | null {
  const ps = parts(ctx, cells);
  const writeTokens = sumBy(ps, (p) => p.writeTokens);
  if (writeTokens <= 0) return null;
  const saving = sumBy(ps, partSaving);
  if (saving <= 0) return null;
  const c = cells[0];
  const readTokens = sumBy(ps, (p) => p.readTokens);
  const writeUsd = sumBy(ps, (p) => p.writeUsd);
  const readUsd = sumBy(ps, (p) => p.readUsd);
  const items: EvidenceItem[] = [
    { label: "cache-write tokens", value: writeTokens, unit: "tokens" },
    { label: "cache-write cost (billed)", value: writeUsd, unit: "USD" },
    { label: "cache-read tokens", value: readTokens, unit: "tokens" },
    { label: "cache-read cost (billed)", value: readUsd, unit: "USD" },
    ...ps.map((p) => ({ label: "input price", value: p.inputPrice, unit: "USD per 1M tokens" as const })),
  ];
  const terms = ps.map(
    (p) =>
      `${usd(p.writeUsd)} written + ${usd(p.readUsd)} read − (${tok(p.writeTokens)} + ${tok(p.readTokens)}) × ${perM(p.inputPrice)} input`,
  );
  const perRead =
    readTokens > 0
      ? `${(writeTokens / readTokens).toFixed(1)} tokens written per token read`
      : "nothing read back";
  return {
    id: `unused_cache_writes:${c.account}:${c.model}:${c.principal ?? "-"}`,
    kind: "unused_cache_writes",
    title: `${callerName(c.principal)} in ${accountLabel(c)} writes its ${c.model} prompt cache more than it reads it`,
    scope: scopeOf(c, { principal: true }),
    windowSavingsUsd: saving,
    basisUsd: writeUsd + readUsd,
    confidence: "certain",
    assumptions: [`Billed cache costs of the window; input list price in effect on ${ctx.priceDay}.`],
    evidence: { items, arithmetic: `${terms.join(" + ")} = ${usd(saving)} in ${ctx.days} days (${perRead})` },
    action: [
      "Move the cachePoint right after the part of the prompt that repeats across requests (system prompt, tool definitions, shared documents): content after a part that changes is written but never read.",
      "If the same prefix comes back more than 5 minutes later, use the 1-hour cache TTL on the cachePoint so it is still cached when read.",
      `Otherwise remove the cachePoint for this caller: ${perRead}.`,
    ],
    actionableFrom: null,
    footprint: cells
      .filter((x) => x.tokenType === "cache_write" || x.tokenType === "cache_read")
      .map(cellKey),
  };
}

export function unusedCacheWrites(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate[] {
  const cache = cells.filter((c) => c.tokenType === "cache_write" || c.tokenType === "cache_read");
  const out: Candidate[] = [];
  for (const group of groupCells(cache, ["account", "model", "principal"]).values()) {
    const cand = candidate(ctx, group);
    if (cand) out.push(cand);
  }
  return out;
}
