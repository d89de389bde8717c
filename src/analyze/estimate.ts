import type { LogDay, MetricDay, TokenCounts } from "../domain/facts.js";
import { type ModelIdInfo, resolveModelId } from "../domain/models/model-id.js";
import { fixedCharges } from "./estimate-fixed.js";
import type { EstimateInput, EstimateOutput, EstimateRow } from "./estimate-types.js";
import { TOKEN_FIELDS, tokenCost } from "./token-cost.js";

/**
 * ESTIMATED SPEND for days the CUR has not billed yet. Pure: rows + prices + now in, rows out.
 *
 * CloudWatch tokens are the TOTAL per model/route/tier; invocation logs only SPLIT it by principal
 * and requestMetadata. Per group and token type the estimate counts max(metrics, logs) tokens once:
 * each principal's log tokens as `logs` rows, the rest as one unattributed `metrics` row, so adding
 * logs never double counts. Provisioned-model traffic is not priced per token (the PT's hours are,
 * see estimate-fixed.ts). A token type without a known price gets cost NULL, never $0.
 */

/** Keep at most this many requestMetadata combinations per principal and group (the rest: none). */
export const MAX_METADATA_COMBOS = 20;

interface Group {
  day: string;
  account: string;
  region: string;
  info: ModelIdInfo;
  metrics: TokenCounts;
  /** principal + metadata JSON → tokens */
  splits: Map<string, { principal: string | null; metadata: string; tokens: TokenCounts }>;
}

const zero = (): TokenCounts => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
const add = (a: TokenCounts, b: TokenCounts) => {
  a.input += b.input;
  a.output += b.output;
  a.cacheRead += b.cacheRead;
  a.cacheWrite += b.cacheWrite;
};
const total = (t: TokenCounts) => t.input + t.output + t.cacheRead + t.cacheWrite;

function groupOf(groups: Map<string, Group>, r: MetricDay | LogDay, info: ModelIdInfo): Group {
  const key = [r.day, r.account, r.region, info.model, info.baseModelId, info.route, info.pricingModel].join(
    "|",
  );
  let g = groups.get(key);
  if (!g) {
    g = { day: r.day, account: r.account, region: r.region, info, metrics: zero(), splits: new Map() };
    groups.set(key, g);
  }
  return g;
}

function metadataJson(md: Record<string, string>): string {
  const keys = Object.keys(md).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [`requestMetadata/${k}`, md[k]])));
}

function collect(input: EstimateInput): Map<string, Group> {
  const groups = new Map<string, Group>();
  const inRange = (d: string) => d >= input.from && d <= input.to;
  for (const m of input.metrics) {
    if (!inRange(m.day)) continue;
    const info = resolveModelId(m.modelId, input.modelIds);
    if (info.pricingModel !== "provisioned") add(groupOf(groups, m, info).metrics, m);
  }
  for (const l of input.logs) {
    if (!inRange(l.day)) continue;
    const info = resolveModelId(l.modelId, input.modelIds);
    if (info.pricingModel === "provisioned") continue;
    const g = groupOf(groups, l, info);
    const metadata = metadataJson(l.requestMetadata);
    const key = `${l.principal ?? ""}|${metadata}`;
    const s = g.splits.get(key) ?? { principal: l.principal, metadata, tokens: zero() };
    add(s.tokens, l);
    g.splits.set(key, s);
  }
  for (const g of groups.values()) capMetadata(g);
  return groups;
}

/** requestMetadata can carry per-request ids: beyond MAX_METADATA_COMBOS per principal, drop it. */
function capMetadata(g: Group): void {
  const byPrincipal = new Map<string, { key: string; tokens: number }[]>();
  for (const [key, s] of g.splits) {
    const list = byPrincipal.get(s.principal ?? "") ?? [];
    list.push({ key, tokens: total(s.tokens) });
    byPrincipal.set(s.principal ?? "", list);
  }
  for (const [principal, list] of byPrincipal) {
    if (list.length <= MAX_METADATA_COMBOS) continue;
    list.sort((a, b) => b.tokens - a.tokens);
    const restKey = `${principal}|{}`;
    for (const { key } of list.slice(MAX_METADATA_COMBOS)) {
      const s = g.splits.get(key)!;
      g.splits.delete(key);
      const rest = g.splits.get(restKey) ?? { principal: s.principal, metadata: "{}", tokens: zero() };
      add(rest.tokens, s.tokens);
      g.splits.set(restKey, rest);
    }
  }
}

function tagsFor(input: EstimateInput, principal: string | null, metadata: string): string {
  const tags = { ...(principal ? input.principalTags.get(principal) : undefined), ...JSON.parse(metadata) };
  return JSON.stringify(tags);
}

export function estimateSpend(input: EstimateInput): EstimateOutput {
  const rows: EstimateRow[] = [];
  let totalTokens = 0;
  let attributedTokens = 0;
  for (const g of collect(input).values()) {
    const base = {
      day: g.day,
      account: g.account,
      account_name: input.accountNames.get(g.account) ?? null,
      region: g.region,
      model: g.info.model,
      model_id: g.info.baseModelId,
      cache_ttl: null,
      pricing_model: g.info.pricingModel,
      route: g.info.route,
      resource_id: null,
    };
    const target = { ...base, pricingModel: base.pricing_model };
    for (const [tokenType, field] of TOKEN_FIELDS) {
      const cost = (tokens: number) => tokenCost(input.prices, target, tokenType, g.day, tokens);
      let logged = 0;
      for (const s of g.splits.values()) {
        const tokens = s.tokens[field];
        if (tokens <= 0) continue;
        logged += tokens;
        const tags = tagsFor(input, s.principal, s.metadata);
        rows.push({
          ...base,
          token_type: tokenType,
          principal: s.principal,
          tags,
          tokens,
          cost_usd: cost(tokens),
          source: "logs",
        });
      }
      const rest = Math.max(0, g.metrics[field] - logged);
      if (rest > 0)
        rows.push({
          ...base,
          token_type: tokenType,
          principal: null,
          tags: "{}",
          tokens: rest,
          cost_usd: cost(rest),
          source: "metrics",
        });
      totalTokens += logged + rest;
      attributedTokens += logged;
    }
  }
  rows.push(...fixedCharges(input.provisioned, input.from, input.to, input.now, input.accountNames));
  const unpricedTokens = rows.reduce((s, r) => s + (r.cost_usd === null ? r.tokens : 0), 0);
  const estimatedUsd = rows.reduce((s, r) => s + (r.cost_usd ?? 0), 0);
  return {
    rows,
    coverage: {
      totalTokens,
      attributedTokens,
      attributedPct: totalTokens > 0 ? (100 * attributedTokens) / totalTokens : null,
      unpricedTokens,
      estimatedUsd,
    },
  };
}
