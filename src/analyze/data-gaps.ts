import type { FailingUnit } from "../domain/facts.js";
import { arKey, type MetricCoverage } from "./anomaly/coverage.js";
import { addHours } from "./hourly-series.js";
import { stableHash } from "./stats.js";

/**
 * Data gaps: where data is missing, as a finding of its own (with the fix) instead of a drop in
 * every series that includes it. From failing collection units (one transient failure is not a
 * gap: the next run catches up) and from account/regions whose metrics stop before the others'.
 * All regions of an account failing alike (an IAM permission is account-wide) are one gap with
 * region null. Pure.
 */

export type GapSource = FailingUnit["source"];

export interface DataGap {
  id: string;
  account: string;
  accountName: string | null;
  region: string | null;
  source: GapSource;
  since: string;
  reason: string;
  fix: string;
}

export interface GapAccount {
  id: string;
  name: string | null;
  roleArn: string | null;
  regions: string[];
}

export interface GapFacts {
  failing: FailingUnit[];
  coverage: MetricCoverage;
  accounts: GapAccount[];
  /** The first hour of metrics the store holds (where a never-collected account/region's gap starts). */
  firstMetricHour: string | null;
  isTransient: (errorName: string | null) => boolean;
}

/** A metrics watermark this many hours behind the most advanced one is a gap (collection runs hourly). */
export const METRICS_LAG_HOURS = 3;

const SOURCE_LABEL: Record<GapSource, string> = {
  metrics: "CloudWatch metrics",
  logs: "invocation logs",
  cur: "CUR export",
  inventory: "Bedrock inventory",
};

/** `2026-11-30T09:05:12.000Z` → `2026-11-30T09:05Z` (an hour label stays as it is). */
const minute = (iso: string) => (iso.length > 17 ? `${iso.slice(0, 16)}Z` : iso);

const gapId = (account: string, region: string | null, source: string, since: string) =>
  `gap-${stableHash([account, region ?? "*", source, since].join("|"))}`;

/** The IAM action a denial names (`… lacks cloudwatch:GetMetricData`, as aws/errors.ts writes it). */
const deniedAction = (u: FailingUnit) => /lacks (\S+:\S+)/.exec(u.error ?? "")?.[1] ?? null;

function reasonOf(u: FailingUnit, failingSince: string, where = "", noneYet = false): string {
  const runs = u.failures === 1 ? "1 run" : `${u.failures} runs in a row`;
  const action = deniedAction(u);
  const yet = noneYet ? `; no ${SOURCE_LABEL[u.source]} collected for it yet` : "";
  if (action)
    return `${action} denied (${u.errorName ?? "AccessDenied"})${where} since ${failingSince} (${runs})${yet}`;
  const what = [u.errorName, u.error].filter(Boolean).join(": ") || "failed";
  return `${SOURCE_LABEL[u.source]} collection failing${where} since ${failingSince} (${runs}): ${what}${yet}`;
}

/**
 * Where a failing metrics unit's data stops: the hour after its last collected one, or, when it
 * never had any, the store's first metric hour (the others have data from there). The failure
 * itself starts later — the hours before the first failed run were never read either — and a
 * headline "no metrics since <failed run>" would understate the gap. Null for other sources, or
 * when the store holds no metrics at all.
 */
function dataMissingFrom(u: FailingUnit, f: GapFacts): { from: string; noneYet: boolean } | null {
  if (u.source !== "metrics" || !u.account || !u.region) return null;
  const through = f.coverage.byAr.get(arKey(u.account, u.region))?.through ?? null;
  if (through) return { from: addHours(through, 1), noneYet: false };
  return f.firstMetricHour ? { from: f.firstMetricHour, noneYet: true } : null;
}

function fixOf(u: FailingUnit, roleArn: string | null): string {
  const action = deniedAction(u);
  const refill = u.source === "metrics" ? "; the next `collect` backfills the missing hours" : "";
  if (action && roleArn)
    return `allow ${action} in role ${roleArn} (redeploy the read-only policy: \`bedrock-spend cfn-template\`)${refill}`;
  const base = u.fix || "run `bedrock-spend doctor` for this account: it names the missing permission";
  return `${base}${roleArn ? ` (role ${roleArn})` : ""}${refill}`;
}

/**
 * A gap from a failing unit. `since` is when its data stops (metrics: see dataMissingFrom), never
 * later than the first failed run; the id stays keyed by the first failed run, as it always was,
 * so a gap keeps its identity while its data start is restated.
 */
function fromFailure(u: FailingUnit, f: GapFacts): DataGap {
  const acct = f.accounts.find((a) => a.id === u.account);
  const failingSince = minute(u.since);
  const missing = dataMissingFrom(u, f);
  const since = missing && missing.from < failingSince ? missing.from : failingSince;
  return {
    id: gapId(u.account ?? "", u.region, u.source, failingSince),
    account: u.account ?? "",
    accountName: acct?.name ?? null,
    region: u.region,
    source: u.source,
    since,
    reason: reasonOf(u, failingSince, "", missing?.noneYet ?? false),
    fix: fixOf(u, acct?.roleArn ?? null),
  };
}

/** Several regions of one account failing with the same error and fix: one gap for the account. */
function mergeRegions(gaps: DataGap[], failing: FailingUnit[], f: GapFacts): DataGap[] {
  const byCause = new Map<string, { gap: DataGap; unit: FailingUnit }[]>();
  gaps.forEach((gap, i) => {
    const u = failing[i];
    const cause = [u.source, u.account, u.errorName, u.fix].join("|");
    byCause.set(cause, [...(byCause.get(cause) ?? []), { gap, unit: u }]);
  });
  const out: DataGap[] = [];
  for (const list of byCause.values()) {
    const regions = list.map((x) => x.gap.region).filter((r): r is string => r !== null);
    const configured = f.accounts.find((a) => a.id === list[0].gap.account)?.regions ?? [];
    const all = configured.length > 1 && configured.every((r) => regions.includes(r));
    if (!all) {
      out.push(...list.map((x) => x.gap));
      continue;
    }
    const first = list.reduce((a, b) => (b.gap.since < a.gap.since ? b : a));
    const firstFailure = list.reduce((a, b) => (b.unit.since < a.unit.since ? b : a));
    const { account, source } = first.gap;
    const failingSince = minute(firstFailure.unit.since);
    const noneYet = list.every((x) => dataMissingFrom(x.unit, f)?.noneYet ?? false);
    out.push({
      ...first.gap,
      id: gapId(account, null, source, failingSince),
      region: null,
      reason: reasonOf(
        firstFailure.unit,
        failingSince,
        ` in every region (${regions.sort().join(", ")})`,
        noneYet,
      ),
    });
  }
  return out;
}

function lagging(f: GapFacts, failingAr: Set<string>): DataGap[] {
  const cov = f.coverage;
  if (!cov.known || cov.globalThrough === null) return [];
  const limit = addHours(cov.globalThrough, -METRICS_LAG_HOURS);
  const out: DataGap[] = [];
  for (const [k, c] of cov.byAr) {
    if (failingAr.has(k) || (c.through !== null && c.through >= limit)) continue;
    const since = c.through ? addHours(c.through, 1) : (f.firstMetricHour ?? cov.globalThrough);
    const acct = f.accounts.find((a) => a.id === c.account);
    out.push({
      id: gapId(c.account, c.region, "metrics", since),
      account: c.account,
      accountName: acct?.name ?? null,
      region: c.region,
      source: "metrics",
      since,
      reason:
        `no CloudWatch metrics ${c.through ? `after ${c.through}` : "at all"} while other account/regions ` +
        `have them through ${cov.globalThrough}`,
      fix:
        "run `bedrock-spend collect`; if the account/region stays behind, `bedrock-spend doctor` checks " +
        "its role (cloudwatch:ListMetrics, cloudwatch:GetMetricData) and that it is in the config",
    });
  }
  return out;
}

export function dataGaps(f: GapFacts): DataGap[] {
  const failing = f.failing.filter((u) => !(f.isTransient(u.errorName) && u.failures < 2));
  const gaps = mergeRegions(
    failing.map((u) => fromFailure(u, f)),
    failing,
    f,
  );
  const failingAr = new Set(
    failing.filter((u) => u.source === "metrics").map((u) => `${u.account}|${u.region}`),
  );
  return [...gaps, ...lagging(f, failingAr)].sort(
    (a, b) => a.since.localeCompare(b.since) || a.account.localeCompare(b.account),
  );
}
