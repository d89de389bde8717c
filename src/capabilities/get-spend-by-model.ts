import { billedThrough } from "../domain/billed-through.js";
import { planSpendSources } from "../domain/spend-sources.js";
import type { DayRange } from "../domain/vocabulary.js";
import { sumAdjustments } from "../store/queries/adjustments.js";
import { lastCollectedAt, lastKnownCostDay, readCurCoverage } from "../store/queries/provenance.js";
import { querySpend, type SpendGroup, type SpendGroupKey, type SpendTotals } from "../store/queries/spend.js";
import { type Filters, resolveRange } from "./common.js";
import { estimateGaps } from "./estimate-gaps.js";
import { spendTable, summarizeSpend } from "./spend-format.js";
import {
  type SpendInput,
  type SpendOutput,
  type SpendRow,
  spendInputSchema,
  spendOutputSchema,
} from "./spend-schema.js";
import { type Deps, defineCapability } from "./types.js";

const DEFAULT_LIMIT = 100;

/**
 * Filters the credits cannot follow: `cost_adjustment` keeps day, account, kind and (sometimes) a
 * model; CUR credit lines carry no tag, principal, region split or token type. The sums then cover
 * the accounts in scope, and the answer says which filters they ignore rather than pairing a
 * team's spend with the whole organization's credits unannounced.
 */
const NOT_ON_CREDITS = ["tag", "principal", "model", "region", "token_type", "pricing_model"] as const;

async function creditsFor(deps: Deps, range: DayRange, filters: Filters | undefined) {
  const sums = await sumAdjustments(deps.db, range, filters?.account);
  const notSplitBy = NOT_ON_CREDITS.filter((f) => (f === "tag" ? filters?.tag : filters?.[f]?.length));
  return notSplitBy.length ? { ...sums, notSplitBy: [...notSplitBy] } : sums;
}

function toRow(g: SpendGroup, groupBy: string[], total: number, names: Map<string, string>): SpendRow {
  const row: SpendRow = {} as SpendRow;
  groupBy.forEach((k, i) => {
    row[k] = g.keys[i];
  });
  const account = groupBy.includes("account") ? g.keys[groupBy.indexOf("account")] : undefined;
  if (account !== undefined) row.accountName = g.accountName ?? (account ? names.get(account) : null) ?? null;
  row.costUsd = g.costUsd;
  row.tokens = g.tokens;
  row.share = g.costUsd !== null && total > 0 ? g.costUsd / total : null;
  row.unpricedTokens = g.unpricedTokens;
  return row;
}

const pct = (part: number, t: SpendTotals) => (t.costUsd > 0 ? (100 * part) / t.costUsd : null);

async function runSpend(deps: Deps, input: SpendInput): Promise<SpendOutput> {
  const { from, to } = await resolveRange(deps, input);
  const groupBy = input.groupBy as SpendGroupKey[];
  const through = billedThrough(await readCurCoverage(deps.db));
  const plan = planSpendSources(input.source, { from, to }, through);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const base = { filters: input.filters, billed: plan.billed, estimated: plan.estimated };
  const res = await querySpend(deps.db, { ...base, groupBy, limit });
  const onlyModel = groupBy.length === 1 && groupBy[0] === "model";
  const top = onlyModel
    ? res.rows[0]
    : (await querySpend(deps.db, { ...base, groupBy: ["model"], limit: 1 })).rows[0];
  const names = new Map(deps.config.accounts.flatMap((a) => (a.name ? [[a.id, a.name] as const] : [])));
  const dataThrough = await lastKnownCostDay(deps.db, to, through);
  const gaps = plan.estimated ? await estimateGaps(deps, plan.estimated, dataThrough, input.filters) : [];
  const t = res.totals;
  const rows = res.rows.map((g) => toRow(g, groupBy, t.costUsd, names));
  const shown = rows.reduce((s, r) => s + (r.costUsd ?? 0), 0);
  const truncated = t.groups > rows.length;
  return {
    from,
    to,
    currency: "USD",
    groupBy,
    source: input.source,
    totalCostUsd: t.costUsd,
    totalTokens: t.tokens,
    unpricedTokens: t.unpricedTokens,
    rows,
    rowCount: t.groups,
    truncated,
    otherCostUsd: truncated ? t.costUsd - shown : 0,
    topModel: top ? { model: top.keys[0] ?? "", costUsd: top.costUsd } : null,
    credits: await creditsFor(deps, { from, to }, input.filters),
    provenance: {
      source: plan.source,
      billedThrough: through,
      estimatedFrom: plan.estimatedFrom,
      lastCollectedAt: await lastCollectedAt(deps.db),
      dataThrough,
      estimateGaps: gaps,
      coverage: { principalPct: pct(t.principalCostUsd, t), taggedPct: pct(t.taggedCostUsd, t) },
    },
  };
}

export const getSpendByModel = defineCapability({
  name: "get_spend_by_model",
  title: "Bedrock spend by model (or any breakdown)",
  description:
    "Amazon Bedrock cost in USD for an inclusive UTC day range (default: first of this month to today), " +
    "grouped by model (default) or by token_type, pricing_model, route, region, account, principal, day or " +
    "tag:<key>, with optional filters. Billed CUR cost through billedThrough, estimates after it (source auto). " +
    "Rows are largest first (limit default 100, max 1000; the rest is summed into otherCostUsd); totalCostUsd " +
    "always covers everything. Credits, refunds, discounts and tax are reported separately in credits, never " +
    "in cost. Estimated tokens without a known price are reported as unpricedTokens, not as $0. Days after " +
    "provenance.dataThrough have no cost data yet (the CUR lags; estimates need collected metrics): unknown, not $0.",
  inputSchema: spendInputSchema,
  outputSchema: spendOutputSchema,
  openWorld: false,
  run: runSpend,
  summarize: summarizeSpend,
  table: spendTable,
  rowsKey: "rows",
  report: "spend",
});
