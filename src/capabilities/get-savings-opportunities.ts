import { findSavings, unpricedModels } from "../analyze/savings/index.js";
import { SAVINGS_KINDS } from "../domain/savings.js";
import { lastCollectedAt } from "../store/queries/provenance.js";
import { formatUsd } from "../util/table.js";
import { priceBook, readSavingsFacts, resolveSavingsWindow } from "./savings-facts.js";
import {
  type SavingsInput,
  type SavingsOutput,
  savingsInputSchema,
  savingsOutputSchema,
} from "./savings-schema.js";
import { type Deps, defineCapability } from "./types.js";

async function runSavings(deps: Deps, input: SavingsInput): Promise<SavingsOutput> {
  const w = await resolveSavingsWindow(deps, input.from, input.to);
  const kinds = input.kinds ?? [...SAVINGS_KINDS];
  const facts = await readSavingsFacts(deps, w, kinds, input.filters);
  const ctx = {
    prices: await priceBook(deps),
    priceDay: w.to,
    days: w.days,
    assumedCacheHitShare: input.assumedCacheHitShare,
    assumedShiftableShare: input.assumedShiftableShare,
  };
  const found = findSavings(facts, { ...ctx, kinds, minMonthlyUsd: input.minMonthlyUsd, now: deps.now() });
  // Account names from the CUR rows, then the config (a throughput's account may have no token rows).
  const names = new Map(
    facts.cells.flatMap((c) => (c.accountName ? [[c.account, c.accountName] as const] : [])),
  );
  for (const a of deps.config.accounts) if (a.name && !names.has(a.id)) names.set(a.id, a.name);
  const opportunities = found.opportunities.map((o) => ({
    ...o,
    scope: { ...o.scope, accountName: o.scope.accountName ?? names.get(o.scope.account ?? "") ?? null },
  }));
  const tokenSpend = facts.cells.reduce((s, c) => s + c.costUsd, 0);
  const attributed = facts.cells.reduce((s, c) => s + (c.principal ? c.costUsd : 0), 0);
  const unpriced = unpricedModels(ctx, facts.cells);
  return {
    window: { from: w.from, to: w.to, days: w.days },
    totalMonthlyUsd: found.totalMonthlyUsd,
    opportunities,
    tokenSpendUsd: tokenSpend,
    pricesInEffectOn: w.to,
    minMonthlyUsd: input.minMonthlyUsd,
    kinds,
    assumedCacheHitShare: input.assumedCacheHitShare,
    assumedShiftableShare: input.assumedShiftableShare,
    notes: [
      ...w.notes,
      ...(unpriced.length
        ? [`no list price for ${unpriced.join(", ")}: those tokens were not analysed`]
        : []),
    ],
    provenance: {
      source: "billed",
      billedThrough: w.billedThrough,
      estimatedFrom: null,
      lastCollectedAt: await lastCollectedAt(deps.db),
      coverage: { principalPct: tokenSpend > 0 ? (100 * attributed) / tokenSpend : null, taggedPct: null },
    },
  };
}

function summarize(out: SavingsOutput): string {
  const w = `${out.window.from}..${out.window.to} (${out.window.days} billed days)`;
  const top = out.opportunities[0];
  if (!top) return `No savings opportunity of at least ${formatUsd(out.minMonthlyUsd)}/month in ${w}`;
  const counted = out.opportunities.filter((o) => o.countedInTotal).length;
  const overlap =
    counted < out.opportunities.length ? ` (${counted} counted; overlapping ones only once)` : "";
  return `${out.opportunities.length} savings opportunities in ${w}: ${formatUsd(out.totalMonthlyUsd)}/month${overlap}; largest: ${top.title}, ${formatUsd(top.monthlySavingsUsd)}/month (${top.confidence})`;
}

export const getSavingsOpportunities = defineCapability({
  name: "get_savings_opportunities",
  title: "Bedrock savings opportunities",
  description:
    "What to change to spend less on Amazon Bedrock, from the billed CUR days of a window (default the last 30 " +
    "billed days, ending at billedThrough) and the list prices in effect: global cross-region routing, cache " +
    "writes that are never read, prompt caching for heavy callers, batch or flex for work that can wait, " +
    "provisioned throughput that on-demand would serve more cheaply, and idle provisioned throughput. Each " +
    "opportunity gives the scope (account, region, model, principal or resource), USD per month " +
    "(window savings × 30 / days), the billed spend it applies to, confidence (certain | likely | possible), " +
    "assumptions, evidence (tokens, prices, costs and the arithmetic), concrete actions, and the ids it " +
    "overlaps; totalMonthlyUsd never counts the same tokens twice. minMonthlyUsd (default 10) and kinds filter.",
  inputSchema: savingsInputSchema,
  outputSchema: savingsOutputSchema,
  openWorld: false,
  run: runSavings,
  summarize,
  table(out) {
    return {
      headers: [
        "monthly",
        "kind",
        "confidence",
        "counted",
        "account",
        "region",
        "model",
        "caller / resource",
        "opportunity",
      ],
      rows: out.opportunities.map((o) => [
        formatUsd(o.monthlySavingsUsd),
        o.kind,
        o.confidence,
        o.countedInTotal ? "yes" : "overlap",
        o.scope.accountName ?? o.scope.account,
        o.scope.region,
        o.scope.model,
        o.scope.principal ?? o.scope.resourceId,
        o.actionableFrom ? `${o.title} (from ${o.actionableFrom})` : o.title,
      ]),
    };
  },
  rowsKey: "opportunities",
  report: "savings",
});
