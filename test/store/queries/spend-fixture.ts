import type { SpendFilters, SpendGroupKey } from "../../../src/store/queries/spend.js";
import { type Billed, billed } from "../../helpers/spend-rows.js";

/**
 * A small org across a month boundary: 3 accounts, 3 models, 4 token types, 2 regions,
 * principals with and without principal tags, resources with and without tags.
 */
const ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
const MODELS = ["Claude Sonnet 4.6", "Nova Pro", "Llama 3.1 8B"];
const TYPES = ["input", "output", "cache_read", "none"] as const;
const PRINCIPALS = [
  { arn: "arn:aws:sts::111111111111:assumed-role/Chat/svc", tags: { "iamPrincipal/team": "chat" } },
  { arn: "arn:aws:iam::111111111111:user/ops", tags: {} },
  null,
];
const RESOURCE_TAGS = [{ team: "search", app: "assistant" }, { team: "platform" }, {}];
export const DAYS = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"];

export function fixtureRows(): Billed[] {
  const rows: Billed[] = [];
  let i = 0;
  for (const day of DAYS)
    for (const [a, account] of ACCOUNTS.entries())
      for (const [m, model] of MODELS.entries())
        for (const [t, token_type] of TYPES.entries()) {
          i++;
          if ((a + m + t + DAYS.indexOf(day)) % 3 === 0) continue; // sparse, like real data
          const p = PRINCIPALS[(a + t) % 3];
          const tags = { ...RESOURCE_TAGS[(m + a) % 3], ...(p?.tags ?? {}) };
          rows.push(
            billed({
              day,
              account,
              account_name: a === 0 ? "prod" : null,
              model,
              token_type,
              region: t % 2 ? "us-west-2" : a === 2 ? null : "us-east-1",
              pricing_model: m === 1 && t === 1 ? "batch" : "on_demand",
              route: m === 0 && a === 1 ? "global" : "regional",
              principal: p?.arn ?? null,
              tags: JSON.stringify(tags),
              tokens: token_type === "none" ? 7 : 1000 * i,
              cost_usd: 0.013 * i + m * 1.7 + a * 0.31,
            }),
          );
        }
  return rows;
}

const keyOf = (r: Billed, k: SpendGroupKey): string | null => {
  if (k.startsWith("tag:")) return (JSON.parse(r.tags ?? "{}") as Record<string, string>)[k.slice(4)] ?? null;
  const v = r[k as keyof Billed];
  return v === null || v === undefined ? null : String(v);
};

/** Reference grouping in plain JS, to check the SQL against. */
export function referenceGroups(
  rows: Billed[],
  groupBy: SpendGroupKey[],
  from: string,
  to: string,
  f: SpendFilters = {},
) {
  const map = new Map<string, { keys: (string | null)[]; costUsd: number; tokens: number }>();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const cols = ["model", "account", "region", "principal", "token_type", "pricing_model"] as const;
    if (cols.some((c) => f[c]?.length && !f[c]!.includes(String(r[c])))) continue;
    if (f.tag && keyOf(r, `tag:${f.tag.key}`) !== f.tag.value) continue;
    const keys = groupBy.map((k) => keyOf(r, k));
    const id = JSON.stringify(keys);
    const g = map.get(id) ?? { keys, costUsd: 0, tokens: 0 };
    g.costUsd += r.cost_usd;
    g.tokens += r.token_type === "none" ? 0 : (r.tokens ?? 0);
    map.set(id, g);
  }
  const cmp = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  return [...map.values()].sort((a, b) => {
    if (Math.abs(b.costUsd - a.costUsd) > 1e-9) return b.costUsd - a.costUsd;
    for (let i = 0; i < a.keys.length; i++) if (cmp(a.keys[i], b.keys[i])) return cmp(a.keys[i], b.keys[i]);
    return 0;
  });
}
