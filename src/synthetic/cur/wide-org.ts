import { DEMO_ACCOUNTS, type DemoAccount, type DemoPrincipal } from "../org.js";
import { createRng, type Rng } from "./prng.js";

/**
 * A large organization for high-cardinality exports: many accounts and regions, thousands of IAM
 * principals (role sessions, API-key users) with principal tags, and hundreds of application
 * inference profiles with cost-allocation tags. Deterministic for a seed.
 */
export interface WideApp {
  /** `application-inference-profile/<id>` ARN in the app's account and region. */
  arn: string;
  account: string;
  region: string;
  /** Cost-allocation tags as CUR writes them (`user_<key>`). */
  resourceTags: Record<string, string>;
}

export interface WideAccount {
  account: DemoAccount;
  /** Share of the org's Bedrock traffic. */
  weight: number;
  principals: DemoPrincipal[];
  apps: WideApp[];
}

const REGIONS = ["us-east-1", "us-west-2", "eu-central-1"];
const TEAMS = ["search", "chat", "platform", "research", "support", "growth", "ads", "risk", "docs", "infra"];
const ROLES = ["Backend", "Worker", "Batch", "Agent", "Notebook", "Pipeline", "Gateway", "Eval"];
const ENVS = ["prod", "staging", "dev"];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function accountsOf(count: number): DemoAccount[] {
  const out = [...DEMO_ACCOUNTS];
  for (let i = out.length; i < count; i++) {
    const id = String(400000000000 + i * 1111111).padStart(12, "0");
    const regions = REGIONS.slice(0, 1 + (i % REGIONS.length));
    out.push({
      id,
      name: `${TEAMS[i % TEAMS.length]}-${ENVS[i % ENVS.length]}`,
      regions,
      roleName: "",
      externalId: "",
    });
  }
  return out.slice(0, count);
}

function principalsOf(account: DemoAccount, n: number, rng: Rng): DemoPrincipal[] {
  const out: DemoPrincipal[] = [];
  for (let i = 0; i < n; i++) {
    const team = pick(rng, TEAMS);
    const tags: Record<string, string> = { "iamPrincipal/team": team };
    if (rng() < 0.7) tags["iamPrincipal/cost-center"] = String(1000 + Math.floor(rng() * 60));
    if (rng() < 0.1) for (const k of Object.keys(tags)) delete tags[k]; // untagged principals exist
    const arn =
      i % 9 === 8
        ? `arn:aws:iam::${account.id}:user/BedrockAPIKey-${team}${i}`
        : `arn:aws:sts::${account.id}:assumed-role/${team}-${pick(rng, ROLES)}/session-${i}`;
    // Zipf-like: a few principals carry most of the traffic.
    out.push({ arn, account: account.id, tags, weight: 1 / (1 + i) });
  }
  return out;
}

function appsOf(account: DemoAccount, n: number, rng: Rng): WideApp[] {
  return Array.from({ length: n }, (_, i) => {
    const region = account.regions[i % account.regions.length]!;
    const team = pick(rng, TEAMS);
    const id = `${account.id.slice(-4)}${i.toString(36).padStart(4, "0")}app`;
    return {
      arn: `arn:aws:bedrock:${region}:${account.id}:application-inference-profile/${id}`,
      account: account.id,
      region,
      resourceTags: { user_team: team, user_app: `${team}-app-${i}`, user_env: pick(rng, ENVS) },
    };
  });
}

/** `accounts` accounts, each with `principals` principals and `apps` application profiles. */
export function wideOrg(opts: {
  accounts: number;
  principals: number;
  apps: number;
  seed: number;
}): WideAccount[] {
  const rng = createRng(opts.seed);
  return accountsOf(opts.accounts).map((account, i) => ({
    account,
    weight: 1 / (1 + i * 0.5),
    principals: principalsOf(account, opts.principals, rng),
    apps: appsOf(account, opts.apps, rng),
  }));
}
