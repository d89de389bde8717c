import { eachDay } from "../../util/dates.js";
import { DEMO_MODELS, type DemoModel, PAYER_ACCOUNT, REGION_CODES } from "../org.js";
import { type Channel, channelsOf, REGION_NAMES, tokenKinds, usageLine } from "./billing.js";
import { createRng, type Rng } from "./prng.js";
import type { GenLine, PeriodTruth } from "./types.js";
import { type WideAccount, wideOrg } from "./wide-org.js";

/**
 * High-cardinality Bedrock usage: daily lines where every line carries an IAM principal, a resource
 * id and tags, drawn from a large organization (wide-org.ts), so almost every line is its own daily
 * key — the shape of a big organization's export with caller identity and cost-allocation tags.
 * Mixed on purpose: first-party and Marketplace billing, global routing, batch/flex/priority tiers,
 * caches, and some non-token lines (guardrails). Lines are yielded one by one (never all in memory)
 * and added to `truth` as they are.
 */
export interface HighCardSpec {
  firstDay: string;
  lastDay: string;
  /** Bedrock usage lines to write over the period. */
  lines: number;
  seed: number;
  truth: PeriodTruth;
}

/** Cumulative-weight sampler (binary search). */
function sampler<T>(items: T[], weight: (t: T) => number): (rng: Rng) => T {
  const cum: number[] = [];
  let total = 0;
  for (const it of items) {
    total += weight(it);
    cum.push(total);
  }
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

const add = (m: Record<string, number>, k: string, v: number) => {
  m[k] = (m[k] ?? 0) + v;
};

function record(truth: PeriodTruth, line: GenLine, model: string, tokens: number): void {
  truth.costUsd += line.cost;
  add(truth.byModel, model, line.cost);
  add(truth.byDay, line.start.slice(0, 10), line.cost);
  add(truth.byAccount, line.account, line.cost);
  if (tokens) add(truth.tokensByModel, model, tokens);
  truth.bedrockUsageLines++;
  truth.bedrockLines++;
}

function guardrailLine(day: string, w: WideAccount, region: string, principal: string, rng: Rng): GenLine {
  const units = 1 + Math.floor(rng() * 5000);
  const cost = units * 0.00015;
  return {
    start: `${day}T00:00:00Z`,
    hours: 24,
    payer: PAYER_ACCOUNT,
    account: w.account.id,
    accountName: w.account.name,
    billingEntity: "AWS",
    lineItemType: "Usage",
    productCode: "AmazonBedrock",
    productName: "Amazon Bedrock",
    productFamily: "Amazon Bedrock",
    region,
    usageType: `${REGION_CODES[region]}-Guardrail-ContentPolicyTextUnits`,
    operation: "ApplyGuardrail",
    description: `$0.15 per 1K text units for content policy in ${REGION_NAMES[region]}`,
    pricingUnit: "1K text units",
    usageAmount: units / 1000,
    cost,
    listCost: cost,
    rate: "0.15",
    resourceId: `arn:aws:bedrock:${region}:${w.account.id}:guardrail/gr${units % 40}`,
    principal,
    resourceTags: {},
    tags: {},
    taxType: "",
  };
}

export function* highCardLines(spec: HighCardSpec): Generator<GenLine> {
  const rng = createRng(spec.seed);
  const org = wideOrg({ accounts: 12, principals: 400, apps: 60, seed: 7 });
  const account = sampler(org, (w) => w.weight);
  const model = sampler<DemoModel>(DEMO_MODELS, (m) => Math.sqrt(m.dailyInputTokens));
  const principal = new Map(org.map((w) => [w, sampler(w.principals, (p) => p.weight)]));
  const channel = new Map(DEMO_MODELS.map((m) => [m, sampler<Channel>(channelsOf(m), (c) => c.share)]));
  const days = eachDay(spec.firstDay, spec.lastDay);
  let written = 0;
  for (const [di, day] of days.entries()) {
    const budget =
      Math.floor(((di + 1) * spec.lines) / days.length) - Math.floor((di * spec.lines) / days.length);
    let n = 0;
    while (n < budget) {
      const w = account(rng);
      const region = w.account.regions[Math.floor(rng() * w.account.regions.length)]!;
      const p = principal.get(w)!(rng);
      if (rng() < 0.01) {
        const g = guardrailLine(day, w, region, p.arn, rng);
        record(spec.truth, g, "Guardrails", 0);
        n++;
        yield g;
        continue;
      }
      const m = model(rng);
      const ch = channel.get(m)!(rng);
      const app = rng() < 0.7 ? w.apps[Math.floor(rng() * w.apps.length)] : undefined;
      const viaApp = app && app.region === region && ch.route === "regional" && ch.tier === "on_demand";
      const ctx = {
        day,
        account: w.account,
        region,
        model: m,
        principal: p,
        tagged: false,
        streaming: rng() < 0.5,
      };
      const base = (m.dailyInputTokens / 2000) * (0.05 + rng() * rng() * 4);
      for (const k of tokenKinds(m, ch)) {
        const tokens = Math.max(1, Math.round(base * k.ratio));
        const line = usageLine(ctx, ch, k, tokens);
        if (viaApp) Object.assign(line, { resourceId: app.arn, resourceTags: app.resourceTags });
        record(spec.truth, line, m.model, tokens);
        n++;
        yield line;
        if (n >= budget) break;
      }
    }
    written += n;
  }
  if (written !== spec.lines)
    throw new Error(`high-cardinality lines: wrote ${written}, planned ${spec.lines}`);
}
