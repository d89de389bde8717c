import type { AccountConfig, Config } from "../config.js";
import type { CollectSource } from "../store/schema-collect.js";

/** One thing to collect: a source for one account × region (CUR: once, no region). */
export interface CollectUnit {
  source: CollectSource;
  account: AccountConfig | null;
  region: string | null;
}

export const ALL_SOURCES: CollectSource[] = ["inventory", "metrics", "logs", "cur"];

/** Every configured source × account × region, inventory first (the usage mapping reads it). */
export function planUnits(config: Config, sources: CollectSource[] = ALL_SOURCES): CollectUnit[] {
  const units: CollectUnit[] = [];
  for (const source of ALL_SOURCES.filter((s) => sources.includes(s))) {
    if (source === "cur") {
      if (config.cur) {
        const acct = config.accounts.find((a) => a.id === config.cur?.account) ?? null;
        units.push({ source, account: acct, region: null });
      }
      continue;
    }
    for (const account of config.accounts) {
      if (source === "logs" && !account.invocationLogs) continue;
      for (const region of account.regions) units.push({ source, account, region });
    }
  }
  return units;
}

export function unitLabel(u: CollectUnit): string {
  return [u.source, u.account?.id, u.region].filter(Boolean).join(" ");
}
