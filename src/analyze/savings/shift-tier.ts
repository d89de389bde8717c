import type { BilledUsageCell, SavingsKind } from "../../domain/savings.js";
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
 * BATCH and FLEX (possible): on-demand tokens of a model that has a batch (or flex) price. With
 * s = assumedShiftableShare:
 *   savings = s × Σ tokens × (on-demand price − batch or flex price)
 * Per account × model; where both apply, one opportunity with the larger figure (flex on a tie: it
 * keeps requests synchronous).
 */

type Tier = Extract<SavingsKind, "batch" | "flex">;

interface Line {
  label: string;
  tokens: number;
  onDemand: number;
  tier: number;
}

function priced(ctx: SavingsContext, cells: readonly BilledUsageCell[], tier: Tier) {
  const lines = new Map<string, Line>();
  const used: BilledUsageCell[] = [];
  for (const c of cells) {
    const onDemand = ownPrice(ctx, c);
    const tierPrice = unitPrice(ctx, c, { ...c, pricingModel: tier });
    if (onDemand === null || tierPrice === null || tierPrice >= onDemand) continue;
    used.push(c);
    const label = `${tokenLabel(c)}${c.route === "global" ? ", global" : ""}${c.region ? ` in ${c.region}` : ""}`;
    const line = lines.get(label) ?? { label, tokens: 0, onDemand, tier: tierPrice };
    line.tokens += c.tokens;
    lines.set(label, line);
  }
  const s = ctx.assumedShiftableShare;
  return {
    lines: [...lines.values()],
    used,
    saving: s * sumBy([...lines.values()], (l) => usdOf(l.tokens, l.onDemand - l.tier)),
  };
}

const ACTION: Record<Tier, string[]> = {
  batch: [
    "Move work that can wait up to 24 hours (evaluations, enrichment, backfills, nightly summaries) to Amazon Bedrock batch inference: CreateModelInvocationJob with JSONL records in S3.",
    "Keep interactive traffic on on-demand.",
  ],
  flex: [
    'Send latency-tolerant requests on the Flex service tier: Converse serviceTier {"type": "flex"}, or the X-Amzn-Bedrock-Service-Tier: flex header on InvokeModel.',
    "Keep user-facing requests on the default tier; flex requests may be slower or queued at peak.",
  ],
};

const ASSUMPTION: Record<Tier, string> = {
  batch: "can wait for a batch job (results within 24 hours)",
  flex: "tolerate the Flex tier's longer latency",
};

function candidate(
  ctx: SavingsContext,
  cells: readonly BilledUsageCell[],
  tiers: readonly Tier[],
): Candidate | null {
  const options = tiers.map((t) => ({ tier: t, ...priced(ctx, cells, t) })).filter((o) => o.saving > 0);
  if (!options.length) return null;
  const best = options.reduce((a, b) =>
    b.saving > a.saving || (b.saving === a.saving && b.tier === "flex") ? b : a,
  );
  const c = best.used[0];
  const s = ctx.assumedShiftableShare;
  const items: EvidenceItem[] = [
    { label: "assumed shiftable share s", value: s, unit: "share" },
    ...best.lines.flatMap((l) => [
      { label: `${l.label} tokens, on-demand`, value: l.tokens, unit: "tokens" as const },
      { label: `${l.label} on-demand price`, value: l.onDemand, unit: "USD per 1M tokens" as const },
      { label: `${l.label} ${best.tier} price`, value: l.tier, unit: "USD per 1M tokens" as const },
    ]),
  ];
  const terms = best.lines.map(
    (l) => `${tok(l.tokens)} ${l.label} × (${perM(l.onDemand)} − ${perM(l.tier)})`,
  );
  const other = options.find((o) => o.tier !== best.tier);
  return {
    id: `${best.tier}:${c.account}:${c.model}`,
    kind: best.tier,
    title: `Move ${Math.round(s * 100)}% of ${c.model} on-demand traffic in ${accountLabel(c)} to ${best.tier === "batch" ? "batch inference" : "the Flex tier"}`,
    scope: scopeOf(c, {}),
    windowSavingsUsd: best.saving,
    basisUsd: s * sumBy(best.used, (x) => x.costUsd),
    confidence: "possible",
    assumptions: [
      `${Math.round(s * 100)}% of the on-demand tokens ${ASSUMPTION[best.tier]} (assumedShiftableShare).`,
      `List prices in effect on ${ctx.priceDay}; the same traffic as in the window.`,
      ...(other ? [`${other.tier} would save ${usd(other.saving)} in the window; the larger is shown.`] : []),
    ],
    evidence: {
      items,
      arithmetic: `${s} × (${terms.join(" + ")}) = ${usd(best.saving)} in ${ctx.days} days`,
    },
    action: ACTION[best.tier],
    actionableFrom: null,
    footprint: best.used.map(cellKey),
  };
}

export function shiftTier(
  ctx: SavingsContext,
  cells: readonly BilledUsageCell[],
  tiers: readonly Tier[],
): Candidate[] {
  if (!tiers.length) return [];
  const onDemand = cells.filter((c) => c.pricingModel === "on_demand" && c.tokens > 0);
  const out: Candidate[] = [];
  for (const group of groupCells(onDemand, ["account", "model"]).values()) {
    const cand = candidate(ctx, group, tiers);
    if (cand) out.push(cand);
  }
  return out;
}
