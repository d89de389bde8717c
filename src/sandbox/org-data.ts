import { iamActionFor, READ_ONLY_ACTIONS } from "../aws/read-only.js";
import {
  DEMO_ACCOUNTS,
  DEMO_MODELS,
  DEMO_PROVISIONED,
  type DemoAccount,
  type DemoModel,
  PAYER_ACCOUNT,
} from "../synthetic/org.js";
import { SAVINGS_PROVISIONED, SAVINGS_STREAMS, type SavingsStream } from "../synthetic/savings-traffic.js";
import { DEMO_METRICS_DENIED, type DemoScenario, runawayWindow } from "../synthetic/scenario.js";
import { hashString } from "./rng.js";

/**
 * The GENERATED ORGANIZATION the sandbox serves, derived from src/synthetic/org.ts so that bill,
 * metrics and inventory agree. Everything is a pure function of (seed, now).
 */

export const MANAGEMENT_ACCOUNT = PAYER_ACCOUNT;
export const MANAGEMENT_ARN = `arn:aws:iam::${MANAGEMENT_ACCOUNT}:user/bedrock-spend-sandbox`;

export interface SandboxRole {
  account: string;
  name: string;
  arn: string;
  externalId: string;
  /** IAM actions the role's policy allows (exact names or `service:*`). */
  allow: string[];
}

export interface LoggingSetup {
  s3?: { bucketName: string; keyPrefix: string };
  logGroupName?: string;
  /** Content logging: prompts and responses are delivered (the privacy finding). */
  textDataDeliveryEnabled: boolean;
}

export interface SandboxOrg {
  seed: number;
  now: Date;
  accounts: DemoAccount[];
  roles: SandboxRole[];
  models: DemoModel[];
  /** The account's share of its traffic that runs in `region` (0 outside the account's regions). */
  regionShare(account: string, region: string): number;
  /** Per account/region: the `ModelId` dimension values with traffic and their share of the model. */
  modelIds(account: string, region: string): ModelIdEntry[];
  logging(account: string, region: string): LoggingSetup | null;
  provisionedArn: string;
  /** The committed, busy provisioned throughput of the savings traffic (src/synthetic/savings-traffic.ts). */
  committedPtArn: string;
  scenario: DemoScenario;
  /** The on-call scenario's runaway hours [startMs, endMs) on the first estimated day; null in `plain`. */
  runaway: { startMs: number; endMs: number } | null;
}

/**
 * One `ModelId` with traffic: a demo model's share of its traffic, a steady savings stream, or a
 * provisioned-model ARN (`model` null; `busy` for the committed throughput, else the idle one).
 */
export interface ModelIdEntry {
  modelId: string;
  model: DemoModel | null;
  share: number;
  stream?: SavingsStream;
  busy?: boolean;
}

/** The read actions bedrock-spend needs, as IAM actions (what the BedrockSpendReadOnly policy grants). */
export const NEEDED_IAM_ACTIONS = [...new Set([...READ_ONLY_ACTIONS].map(iamActionFor))];

/**
 * prod: exactly the needed actions; staging: cannot simulate its own policy (the permission check
 * must then say "unknown") and, in the on-call scenario, lacks GetMetricData; research: also
 * allows bedrock:InvokeModel (a dangerous extra).
 */
function rolePolicy(account: string, scenario: DemoScenario): string[] {
  const denied = scenario === "on-call" && account === DEMO_METRICS_DENIED.account;
  const allow = NEEDED_IAM_ACTIONS.filter((a) => !(denied && a === DEMO_METRICS_DENIED.action));
  if (account === "222222222222") return allow.filter((a) => a !== "iam:SimulatePrincipalPolicy");
  if (account === "333333333333") return [...allow, "bedrock:InvokeModel"];
  return allow;
}

const GEO: Record<string, string> = { us: "us.", eu: "eu.", ap: "apac." };

export const logBucket = (account: string, region: string) => `sandbox-bedrock-logs-${account}-${region}`;

/** One region with content logging on, one with logging off, the rest metadata only. */
function loggingSetup(account: string, region: string): LoggingSetup | null {
  const s3 = { bucketName: logBucket(account, region), keyPrefix: "bedrock-logs" };
  if (account === "111111111111" && region === "us-east-1")
    return { s3, logGroupName: "/aws/bedrock/modelinvocations", textDataDeliveryEnabled: true };
  if (account === "111111111111") return { s3, textDataDeliveryEnabled: false };
  if (account === "222222222222")
    return { logGroupName: "/aws/bedrock/invocations", textDataDeliveryEnabled: false };
  if (region === "eu-central-1") return null;
  return { s3, textDataDeliveryEnabled: false };
}

/**
 * Load-test scale (benchmarks): every demo account serves traffic in the same `regions`, split
 * evenly, for the same number of ModelIds per region. Without it the org is the demo org.
 */
export interface SandboxScale {
  /** Regions every account serves traffic in (replaces each demo account's 1-2 regions). */
  regions: string[];
  /**
   * ModelIds with traffic per account/region: the first `modelIds` of the demo routing (base and
   * `global.`/geo profile ids), at most 2 × the demo models; the provisioned model is left out.
   */
  modelIds: number;
}

export interface BuildOrgOptions {
  now: Date;
  seed?: number;
  scale?: SandboxScale;
  /** `on-call` adds the alerting scenario (src/synthetic/scenario.ts); default `plain`. */
  scenario?: DemoScenario;
}

export function buildOrg(opts: BuildOrgOptions): SandboxOrg {
  const seed = opts.seed ?? 1;
  const scale = opts.scale;
  const scenario = opts.scenario ?? "plain";
  if (scale) {
    const max = DEMO_MODELS.length * 2;
    if (!scale.regions.length || new Set(scale.regions).size !== scale.regions.length)
      throw new Error("sandbox scale: regions must be a non-empty list without duplicates");
    if (!Number.isInteger(scale.modelIds) || scale.modelIds < 1 || scale.modelIds > max)
      throw new Error(`sandbox scale: modelIds must be an integer from 1 to ${max}`);
  }
  const roles = DEMO_ACCOUNTS.map((a) => ({
    account: a.id,
    name: a.roleName,
    arn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
    externalId: a.externalId,
    allow: rolePolicy(a.id, scenario),
  }));
  const p = DEMO_PROVISIONED;
  const provisionedArn = `arn:aws:bedrock:${p.region}:${p.account}:provisioned-model/${p.id}`;
  const c = SAVINGS_PROVISIONED;
  const committedPtArn = `arn:aws:bedrock:${c.region}:${c.account}:provisioned-model/${c.id}`;
  const accounts = scale ? DEMO_ACCOUNTS.map((a) => ({ ...a, regions: [...scale.regions] })) : DEMO_ACCOUNTS;
  return {
    seed,
    now: opts.now,
    accounts,
    roles,
    models: DEMO_MODELS,
    provisionedArn,
    committedPtArn,
    scenario,
    runaway: scenario === "on-call" ? runawayWindow(opts.now) : null,
    regionShare(account, region) {
      const acct = accounts.find((a) => a.id === account);
      if (!acct?.regions.includes(region)) return 0;
      return scale ? 1 / acct.regions.length : regionShare(acct, region);
    },
    logging: (account, region) =>
      accounts.some((a) => a.id === account && a.regions.includes(region))
        ? loggingSetup(account, region)
        : null,
    modelIds(account, region) {
      const acct = accounts.find((a) => a.id === account);
      if (!acct?.regions.includes(region)) return [];
      const geo = GEO[region.slice(0, 2)] ?? "us.";
      const out: ModelIdEntry[] = [];
      for (const m of DEMO_MODELS) {
        // Same routing split as the CUR generator (src/synthetic/cur/billing.ts channelsOf): 40 % of
        // traffic of global-capable models goes through the `global.` profile.
        if (m.globalFactor) {
          out.push({ modelId: `global.${m.modelId}`, model: m, share: 0.4 });
          out.push({ modelId: `${geo}${m.modelId}`, model: m, share: 0.6 });
        } else {
          out.push({ modelId: m.modelId, model: m, share: 0.7 });
          out.push({ modelId: `${geo}${m.modelId}`, model: m, share: 0.3 });
        }
      }
      if (scale) return out.slice(0, scale.modelIds);
      if (account === p.account && region === p.region)
        out.push({ modelId: provisionedArn, model: null, share: 0 });
      for (const st of SAVINGS_STREAMS)
        if (st.account === account && st.region === region)
          out.push({ modelId: st.modelId, model: st.model, share: 1, stream: st });
      if (account === c.account && region === c.region)
        out.push({ modelId: committedPtArn, model: null, share: 0, busy: true });
      return out;
    },
  };
}

/** Share of the org's traffic per account and per region slot: the CUR generator's numbers. */
export const ACCOUNT_SHARE: Record<string, number> = {
  "111111111111": 0.6,
  "222222222222": 0.1,
  "333333333333": 0.3,
};

const REGION_SHARE = [0.7, 0.3];

export function regionShare(acct: DemoAccount, region: string): number {
  return REGION_SHARE[acct.regions.indexOf(region)] ?? 0;
}

export const seriesSeed = (org: SandboxOrg, key: string) => hashString(key, org.seed);
