import type { AwsAccess } from "../../aws/access.js";
import { planUnits } from "../../collect/units.js";
import type { AccountConfig, Config } from "../../config.js";
import { resolveModelId } from "../../domain/models/model-id.js";
import type { Db } from "../../store/db.js";
import { latestCollectionRuns } from "../../store/queries/collection-run.js";
import {
  costByAccountRegion,
  hasTagKey,
  lastOkRuns,
  metricTokensByModelId,
  newestCurPeriod,
  taggedCostShare,
  tokenBilledModels,
} from "../../store/queries/onboarding.js";
import { modelIdContext } from "../../store/queries/usage.js";
import { addDays, isoDay } from "../../util/dates.js";
import { mapPool } from "../../util/pool.js";
import { checkAccountPermissions } from "../permissions/check.js";
import { liveRegionFacts } from "./gather-aws.js";
import { curListing } from "./gather-cur.js";
import type { AccountFacts, CurFacts, RunFacts } from "./types.js";

export interface GatherDeps {
  db: Db;
  config: Config;
  aws: AwsAccess;
  now: Date;
}

const WINDOW_DAYS = 30;
const key = (a: string | null | undefined, r: string | null | undefined) => `${a ?? ""}/${r ?? ""}`;

/** Everything the store knows that the steps need, read once for all accounts. */
async function storeFacts(db: Db, now: Date) {
  const fromDay = addDays(isoDay(now), -WINDOW_DAYS);
  const [costs, billed, tokens, ctx, latest, lastOk] = await Promise.all([
    costByAccountRegion(db, fromDay),
    tokenBilledModels(db, fromDay),
    metricTokensByModelId(db, `${fromDay}T00:00Z`),
    modelIdContext(db),
    latestCollectionRuns(db),
    lastOkRuns(db),
  ]);
  const group = <T>(rows: T[], k: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(k(r), [...(m.get(k(r)) ?? []), r]);
    return m;
  };
  return {
    fromDay,
    costs,
    billed: group(billed, (r) => key(r.account, r.region)),
    tokens: group(tokens, (r) => key(r.account, r.region)),
    modelOf: (modelId: string) => resolveModelId(modelId, ctx).model,
    latest,
    lastOk,
  };
}
type StoreFacts = Awaited<ReturnType<typeof storeFacts>>;

function runFacts(s: StoreFacts, config: Config, account: AccountConfig, ownsCur: boolean): RunFacts[] {
  const units = planUnits(config).filter((u) =>
    u.source === "cur" ? ownsCur : u.account?.id === account.id,
  );
  return units.map((u) => {
    const acct = u.account?.id ?? null;
    const latest = s.latest.find((r) => r.source === u.source && r.account === acct && r.region === u.region);
    const ok = s.lastOk.find((r) => r.source === u.source && r.account === acct && r.region === u.region);
    return {
      source: u.source,
      region: u.region,
      status: latest?.status ?? "never",
      lastOkAt: ok?.at ?? null,
      errorName: latest?.error_name ?? null,
      error: latest?.error ?? null,
      fix: latest?.fix ?? null,
    };
  });
}

async function curFacts(d: GatherDeps, s: StoreFacts, reader: AccountConfig | null): Promise<CurFacts> {
  const [listing, period, taggedShare] = await Promise.all([
    curListing(d.aws, d.config, reader),
    newestCurPeriod(d.db),
    taggedCostShare(d.db, s.fromDay),
  ]);
  const keys = [
    ...new Set(d.config.budgets.flatMap((b) => (b.scope && "tag" in b.scope ? [b.scope.tag.key] : []))),
  ];
  const missingBudgetTags: string[] = [];
  for (const k of keys) if (!(await hasTagKey(d.db, s.fromDay, k))) missingBudgetTags.push(k);
  return {
    source: d.config.cur?.source ?? null,
    listing,
    period: period
      ? {
          period: period.period,
          hasIamPrincipal: period.has_iam_principal === 1,
          refreshedAt: period.refreshed_at,
        }
      : null,
    taggedShare,
    missingBudgetTags,
  };
}

/** The account whose identity reads the CUR carries the CUR steps (cur.account, else the first). */
export function curOwner(config: Config): string | null {
  return config.cur?.account ?? config.accounts[0]?.id ?? null;
}

async function accountFacts(d: GatherDeps, s: StoreFacts, account: AccountConfig): Promise<AccountFacts> {
  const index = d.config.accounts.findIndex((a) => a.id === account.id);
  const ownsCur = curOwner(d.config) === account.id;
  const permissions = await checkAccountPermissions(d.aws, account, d.config, d.now);
  const runs = runFacts(s, d.config, account, ownsCur);
  const regions = [];
  if (permissions.assumable) {
    for (const region of account.regions) {
      const live = await liveRegionFacts(
        d.aws.clients(account, region),
        { account: account.id, roleArn: account.roleArn },
        d.now,
      );
      const k = key(account.id, region);
      const tokens = s.tokens.get(k) ?? [];
      regions.push({
        ...live,
        spendUsd: s.costs.find((c) => c.account === account.id && c.region === region)?.costUsd ?? 0,
        billedModels: [...new Set((s.billed.get(k) ?? []).map((b) => b.model))].sort(),
        metricTokens: tokens.reduce((sum, t) => sum + t.tokens, 0),
        metricModels: [
          ...new Set(tokens.filter((t) => t.tokens > 0).map((t) => s.modelOf(t.modelId))),
        ].sort(),
        metricsCollected:
          tokens.length > 0 ||
          s.lastOk.some((r) => r.source === "metrics" && r.account === account.id && r.region === region),
        metricsRun:
          runs.find((r) => r.source === "metrics" && r.region === region && r.status !== "never") ?? null,
      });
    }
  }
  const reader = d.config.cur?.account ? account : null;
  return {
    account,
    index,
    assumeError: permissions.assumeError,
    permissions: permissions.assumable ? permissions : null,
    regions,
    unconfiguredRegions: s.costs
      .filter((c) => c.account === account.id && !account.regions.includes(c.region))
      .map((c) => ({ region: c.region, costUsd: c.costUsd })),
    runs,
    cur: ownsCur ? await curFacts(d, s, reader) : null,
  };
}

/** Live AWS checks and store reads for each account, at most collect.concurrency at a time. */
export async function gatherFacts(d: GatherDeps, accounts: AccountConfig[]): Promise<AccountFacts[]> {
  const s = await storeFacts(d.db, d.now);
  const out = await mapPool(accounts, d.config.collect.concurrency, (a) => accountFacts(d, s, a));
  return out.filter((f): f is AccountFacts => f !== undefined);
}
