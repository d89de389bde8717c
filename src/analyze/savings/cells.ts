import type { BilledUsageCell } from "../../domain/savings.js";
import { lookupPrice } from "../../prices/lookup.js";
import { formatInt, formatUsd } from "../../util/table.js";
import type { SavingsContext, SavingsScope } from "./types.js";

/** Helpers every kind shares: grouping billed cells, pricing them, and writing the arithmetic. */

/** A stable key of one billed cell: opportunities that change the same cell overlap. */
export function cellKey(c: BilledUsageCell): string {
  return [
    c.account,
    c.model,
    c.principal ?? "",
    c.region ?? "",
    c.route,
    c.pricingModel,
    c.tokenType,
    c.cacheTtl ?? "",
  ].join("|");
}

export function groupCells<K extends keyof BilledUsageCell>(
  cells: readonly BilledUsageCell[],
  keys: readonly K[],
): Map<string, BilledUsageCell[]> {
  const out = new Map<string, BilledUsageCell[]>();
  for (const c of cells) {
    const k = keys.map((key) => String(c[key] ?? "")).join("|");
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

// Every kind asks the same few prices again for each cell: remember them per price book and day.
const memo = new WeakMap<SavingsContext["prices"], Map<string, number | null>>();

/** USD per 1M tokens for the cell's model/region with the given route, tier, token type and TTL; null = not in the table. */
export function unitPrice(
  ctx: SavingsContext,
  c: Pick<BilledUsageCell, "model" | "region">,
  q: { route: "global" | "regional"; pricingModel: string; tokenType: string; cacheTtl?: string | null },
): number | null {
  const known = memo.get(ctx.prices) ?? new Map<string, number | null>();
  memo.set(ctx.prices, known);
  const key = `${ctx.priceDay}|${c.model}|${c.region}|${q.route}|${q.pricingModel}|${q.tokenType}|${q.cacheTtl ?? ""}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const row = lookupPrice(
    ctx.prices,
    {
      model: c.model,
      region: c.region,
      route: q.route,
      pricingModel: q.pricingModel,
      tokenType: q.tokenType,
      cacheTtl: q.cacheTtl ?? null,
    },
    ctx.priceDay,
  );
  const price = row ? row.usdPerMillion : null;
  known.set(key, price);
  return price;
}

/** The cell's own list price (its route, tier, token type and TTL). */
export const ownPrice = (ctx: SavingsContext, c: BilledUsageCell) =>
  unitPrice(ctx, c, {
    route: c.route,
    pricingModel: c.pricingModel,
    tokenType: c.tokenType,
    cacheTtl: c.cacheTtl,
  });

export const usdOf = (tokens: number, usdPerMillion: number) => (tokens * usdPerMillion) / 1e6;

export const sumBy = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

export function scopeOf(c: BilledUsageCell, parts: { region?: boolean; principal?: boolean }): SavingsScope {
  return {
    account: c.account,
    accountName: c.accountName,
    region: parts.region ? c.region : null,
    model: c.model,
    principal: parts.principal ? c.principal : null,
    resourceId: null,
  };
}

/** `1,234,567 tok` and `$3.30/1M` as the arithmetic strings print them. */
export const tok = (n: number) => `${formatInt(n)} tok`;
/** Prices keep their published digits ($6.875, $0.00875): a rounded price would not reproduce the figure. */
export function perM(usd: number): string {
  const exact = Number(usd.toPrecision(8));
  return `$${exact === Number(exact.toFixed(2)) ? exact.toFixed(2) : exact}/1M`;
}
export const usd = formatUsd;

export const TOKEN_LABEL: Record<string, string> = {
  input: "input",
  output: "output",
  cache_read: "cache-read",
  cache_write: "cache-write",
};

export function tokenLabel(c: Pick<BilledUsageCell, "tokenType" | "cacheTtl">): string {
  const base = TOKEN_LABEL[c.tokenType] ?? c.tokenType;
  return c.tokenType === "cache_write" ? `${base} (${c.cacheTtl ?? "5m"})` : base;
}

/** `who` for titles: the principal's last path part, or "unattributed callers". */
export function callerName(principal: string | null): string {
  if (!principal) return "callers without an IAM principal";
  const parts = principal.split("/");
  return parts.length > 1 ? parts.slice(1).join("/") : principal;
}

export const accountLabel = (c: Pick<BilledUsageCell, "account" | "accountName">) =>
  c.accountName ? `${c.accountName} (${c.account})` : c.account;

/** Models with billed tokens the price table cannot price: their tokens are left out, never priced at $0. */
export function unpricedModels(ctx: SavingsContext, cells: readonly BilledUsageCell[]): string[] {
  const out = new Set<string>();
  for (const c of cells)
    if (c.tokens > 0 && ownPrice(ctx, c) === null)
      out.add(`${c.model} (${c.region ?? "no region"}, ${c.route}, ${c.pricingModel})`);
  return [...out].sort();
}
