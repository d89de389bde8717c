import type { DuckDBConnection } from "@duckdb/node-api";
import { resourceModel } from "../../domain/usage-type/resource.js";
import { buildClasses, type Classes } from "./classes.js";
import { type Cell, coder, rows, tableWriter } from "./duck.js";
import { canonicalTags } from "./normalize-tags.js";

/**
 * Lookup tables over the period's daily keys (DuckDB table `agg`). Everything that needs JS — the
 * classifier, resource ARNs, tag mapping — runs once per DISTINCT value, never per row, and goes
 * back into DuckDB as a small table. Each table numbers its values, so the period's rows can leave
 * DuckDB as integer codes and become strings again from these arrays (converting a DuckDB string
 * to JS costs ~1.5 µs; a code, a tenth of that). Values are numbered in sorted order, so the same
 * files give the same codes, the same row order in the store and the same sums on every run.
 */
export interface Lookups {
  /** k_acct: (day, payer, account, account name) combinations. */
  acct: { day: string; payer: string | null; account: string; name: string | null }[];
  resources: (string | null)[];
  principals: (string | null)[];
  /** k_tag: canonical tag JSON by id. */
  tags: string[];
  classes: Classes;
  /** Rollup key dictionaries: distinct days, accounts, account names, tag keys and values. */
  days: string[];
  accounts: string[];
  accountNames: (string | null)[];
  tagKeys: string[];
  tagValues: string[];
  nullPrincipal: number;
  emptyTags: number;
}

/** SQLite compares text by UTF-8 bytes; codes in that order make max(code) the max(name). */
const byBytes = (a: string | null, b: string | null) =>
  a === null ? (b === null ? 0 : -1) : b === null ? 1 : Buffer.compare(Buffer.from(a), Buffer.from(b));

async function buildAccounts(con: DuckDBConnection, lk: Lookups): Promise<void> {
  const combos: Cell[][] = [];
  for await (const r of rows(
    con,
    "SELECT DISTINCT coalesce(day, ''), payer, coalesce(account, ''), account_name FROM agg ORDER BY ALL",
  ))
    combos.push(r);
  lk.accountNames = [...new Set(combos.map((r) => r[3] as string | null))].sort(byBytes);
  const day = coder(lk.days);
  const account = coder(lk.accounts);
  const name = coder(lk.accountNames);
  const w = await tableWriter(con, "k_acct", [
    ["day", "VARCHAR"],
    ["payer", "VARCHAR"],
    ["account", "VARCHAR"],
    ["account_name", "VARCHAR"],
    ["id", "INTEGER"],
    ["day_k", "INTEGER"],
    ["account_k", "INTEGER"],
    ["name_k", "INTEGER"],
  ]);
  for (const [i, [d, p, a, n]] of combos.entries()) {
    lk.acct.push({
      day: d as string,
      payer: p as string | null,
      account: a as string,
      name: n as string | null,
    });
    w.add([d, p, a, n, i, day(d as string), account(a as string), name(n as string | null)]);
  }
  w.close();
}

async function buildResources(con: DuckDBConnection, lk: Lookups): Promise<void> {
  const w = await tableWriter(con, "k_res", [
    ["v", "VARCHAR"],
    ["id", "INTEGER"],
    ["res_model_id", "VARCHAR"],
    ["res_prov", "BOOLEAN"],
  ]);
  for await (const [v] of rows(con, "SELECT DISTINCT resource_id FROM agg ORDER BY ALL")) {
    const m = resourceModel(v as string | null);
    w.add([v, lk.resources.length, m.modelId, m.provisioned]);
    lk.resources.push(v as string | null);
  }
  w.close();
}

async function buildPrincipals(con: DuckDBConnection, lk: Lookups): Promise<void> {
  const w = await tableWriter(con, "k_prin", [
    ["v", "VARCHAR"],
    ["id", "INTEGER"],
  ]);
  for await (const [v] of rows(con, "SELECT DISTINCT principal FROM agg ORDER BY ALL")) {
    w.add([v, lk.principals.length]);
    lk.principals.push(v as string | null);
  }
  w.close();
  lk.nullPrincipal = lk.principals.indexOf(null);
}

async function buildTags(con: DuckDBConnection, lk: Lookups): Promise<void> {
  const tag = coder(lk.tags);
  const key = coder(lk.tagKeys);
  const value = coder(lk.tagValues);
  const w = await tableWriter(con, "k_tag", [
    ["resource_tags", "VARCHAR"],
    ["tags", "VARCHAR"],
    ["id", "INTEGER"],
  ]);
  const kv = await tableWriter(con, "k_tagkv", [
    ["tg", "INTEGER"],
    ["key_k", "INTEGER"],
    ["value_k", "INTEGER"],
  ]);
  for await (const [rt, t] of rows(con, "SELECT DISTINCT resource_tags, tags FROM agg ORDER BY ALL")) {
    const canon = canonicalTags(rt as string | null, t as string | null);
    const known = lk.tags.length;
    const id = tag(canon);
    w.add([rt, t, id]);
    if (id < known) continue;
    // canonicalTags writes string values only: every entry is a rollup tag row (no null/object).
    for (const [k, v] of Object.entries(JSON.parse(canon) as Record<string, string>))
      kv.add([id, key(k), value(v)]);
  }
  w.close();
  kv.close();
  lk.emptyTags = tag("{}");
}

export async function buildLookups(con: DuckDBConnection): Promise<Lookups> {
  const lk: Lookups = {
    acct: [],
    resources: [],
    principals: [],
    tags: [],
    classes: { byId: [], canon: [], dimKeys: {} },
    days: [],
    accounts: [],
    accountNames: [],
    tagKeys: [],
    tagValues: [],
    nullPrincipal: -1,
    emptyTags: -1,
  };
  await buildAccounts(con, lk);
  await buildResources(con, lk);
  await buildPrincipals(con, lk);
  await buildTags(con, lk);
  lk.classes = await buildClasses(con);
  return lk;
}
