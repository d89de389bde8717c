import type { BilledUsageCell } from "../../domain/savings.js";
import {
  accountLabel,
  cellKey,
  groupCells,
  ownPrice,
  perM,
  scopeOf,
  sumBy,
  tok,
  tokenLabel,
  unitPrice,
  usd,
  usdOf,
} from "./cells.js";
import type { Candidate, EvidenceItem, SavingsContext } from "./types.js";

/**
 * GLOBAL ROUTING (likely): regional on-demand tokens of a model whose price table has a cheaper
 * global cross-region price for that token type and region.
 *   savings = Σ tokens × (regional price − global price)
 * Per account × region × model, every caller's tokens together.
 */

const GEO_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov)\./;

interface Line {
  label: string;
  tokens: number;
  regional: number;
  global: number;
}

function priced(ctx: SavingsContext, cells: readonly BilledUsageCell[]) {
  const lines = new Map<string, Line>();
  const used: BilledUsageCell[] = [];
  for (const c of cells) {
    const regional = ownPrice(ctx, c);
    const global = unitPrice(ctx, c, { ...c, route: "global" });
    if (regional === null || global === null || global >= regional) continue;
    used.push(c);
    const label = tokenLabel(c);
    const line = lines.get(label) ?? { label, tokens: 0, regional, global };
    line.tokens += c.tokens;
    lines.set(label, line);
  }
  return { lines: [...lines.values()], used };
}

function candidate(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate | null {
  const { lines, used } = priced(ctx, cells);
  if (!used.length) return null;
  const saving = sumBy(lines, (l) => usdOf(l.tokens, l.regional - l.global));
  if (saving <= 0) return null;
  const c = used[0];
  const items: EvidenceItem[] = lines.flatMap((l) => [
    { label: `${l.label} tokens, regional on-demand`, value: l.tokens, unit: "tokens" as const },
    { label: `${l.label} regional price`, value: l.regional, unit: "USD per 1M tokens" as const },
    { label: `${l.label} global price`, value: l.global, unit: "USD per 1M tokens" as const },
  ]);
  const terms = lines.map((l) => `${tok(l.tokens)} ${l.label} × (${perM(l.regional)} − ${perM(l.global)})`);
  const baseId = used.find((x) => x.modelId)?.modelId?.replace(GEO_PREFIX, "") ?? null;
  const profile = baseId ? `global.${baseId}` : `the global. inference profile of ${c.model}`;
  return {
    id: `global_routing:${c.account}:${c.region}:${c.model}`,
    kind: "global_routing",
    title: `Route ${c.model} traffic of ${accountLabel(c)} in ${c.region} through global cross-region inference`,
    scope: scopeOf(c, { region: true }),
    windowSavingsUsd: saving,
    basisUsd: sumBy(used, (x) => x.costUsd),
    confidence: "likely",
    assumptions: [
      "Requests may then be served from any commercial AWS Region (global cross-region inference): check data-residency rules first.",
      `List prices in effect on ${ctx.priceDay}; the same tokens as in the window.`,
    ],
    evidence: { items, arithmetic: `${terms.join(" + ")} = ${usd(saving)} in ${ctx.days} days` },
    action: [
      `Call ${c.model} with the model id ${profile} (global cross-region inference profile) instead of the in-region or geo id in ${c.region}, account ${accountLabel(c)}.`,
      "Keep the geo or in-region id only for workloads that must stay in one geography.",
    ],
    actionableFrom: null,
    footprint: used.map(cellKey),
  };
}

export function globalRouting(ctx: SavingsContext, cells: readonly BilledUsageCell[]): Candidate[] {
  const regional = cells.filter(
    (c) => c.route === "regional" && c.pricingModel === "on_demand" && c.tokens > 0,
  );
  const out: Candidate[] = [];
  for (const group of groupCells(regional, ["account", "region", "model"]).values()) {
    const cand = candidate(ctx, group);
    if (cand) out.push(cand);
  }
  return out;
}
