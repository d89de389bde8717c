import { DEMO_ACCOUNTS, PAYER_ACCOUNT } from "../org.js";
import { SAVINGS_PROVISIONED, SAVINGS_STREAMS } from "../savings-traffic.js";
import { type Channel, REGION_NAMES, type TokenKind, usageLine } from "./billing.js";
import type { GenLine } from "./types.js";

/** The CUR lines of the savings traffic (src/synthetic/savings-traffic.ts): the same every day. */

export function savingsDayLines(day: string): { line: GenLine; model: string; tokens: number }[] {
  const out: { line: GenLine; model: string; tokens: number }[] = [];
  for (const st of SAVINGS_STREAMS) {
    const account = DEMO_ACCOUNTS.find((a) => a.id === st.account)!;
    const ch: Channel = { route: st.route, tier: "on_demand", share: 1, billing: "first_party" };
    const ctx = {
      day,
      account,
      region: st.region,
      model: st.model,
      principal: st.principal,
      tagged: false,
      streaming: false,
    };
    const p = st.model.price;
    const kinds: [TokenKind, number][] = [
      [{ kind: "input", ratio: 1, price: p.input }, st.daily.input],
      [{ kind: "output", ratio: 1, price: p.output }, st.daily.output],
      [{ kind: "cache_read", ratio: 1, price: p.cacheRead ?? 0 }, st.daily.cacheRead],
      [{ kind: "cache_write_5m", ratio: 1, price: p.cacheWrite5m ?? 0 }, st.daily.cacheWrite5m],
    ];
    for (const [k, tokens] of kinds)
      if (tokens > 0) out.push({ line: usageLine(ctx, ch, k, tokens), model: st.model.model, tokens });
  }
  return out;
}

/** The committed provisioned throughput bills 24 model-unit hours a day. */
export function committedPtDayLine(day: string): GenLine {
  const c = SAVINGS_PROVISIONED;
  const acct = DEMO_ACCOUNTS.find((a) => a.id === c.account)!;
  const hours = 24 * c.modelUnits;
  const cost = hours * c.hourlyUsd;
  return {
    start: `${day}T00:00:00Z`,
    hours: 24,
    payer: PAYER_ACCOUNT,
    account: acct.id,
    accountName: acct.name,
    billingEntity: "AWS",
    lineItemType: "Usage",
    productCode: "AmazonBedrock",
    productName: "Amazon Bedrock",
    productFamily: "Provisioned Throughput",
    region: c.region,
    usageType: `USE1-${c.billingName}-ProvisionedThroughput-6MonthCommit-ModelUnits`,
    operation: "ProvisionedThroughput",
    description: `$${c.hourlyUsd} per model unit-hour for ${c.billingName} Provisioned Throughput (6 month commitment) in ${REGION_NAMES[c.region]}`,
    pricingUnit: "Hrs",
    usageAmount: hours,
    cost,
    listCost: cost,
    rate: String(c.hourlyUsd),
    resourceId: `arn:aws:bedrock:${c.region}:${acct.id}:provisioned-model/${c.id}`,
    principal: "",
    resourceTags: {},
    tags: {},
    taxType: "",
  };
}
