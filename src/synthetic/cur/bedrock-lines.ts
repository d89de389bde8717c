import { parseDay } from "../../util/dates.js";
import {
  DEMO_ACCOUNTS,
  DEMO_MODELS,
  DEMO_PRINCIPALS,
  DEMO_PROVISIONED,
  DEMO_SPIKE,
  PAYER_ACCOUNT,
} from "../org.js";
import { channelsOf, REGION_NAMES, tokenKinds, usageLine } from "./billing.js";
import type { Rng } from "./prng.js";
import type { GenLine } from "./types.js";

/** Share of the org's traffic per account (by position in DEMO_ACCOUNTS) and per region slot. */
const ACCOUNT_SHARE = [0.6, 0.1, 0.3];
const REGION_SHARE = [0.7, 0.3];

export interface BedrockDayInput {
  day: string;
  /** The day the spike happens (now − DEMO_SPIKE.daysAgo). */
  spikeDay: string;
  /** Restated deliveries bill slightly different volumes. */
  volumeFactor: number;
  rng: Rng;
}

/** Every Bedrock usage line of one day (daily granularity; the caller may split them hourly). */
export function bedrockDayLines(input: BedrockDayInput): { line: GenLine; model: string; tokens: number }[] {
  const out: { line: GenLine; model: string; tokens: number }[] = [];
  const weekday = parseDay(input.day).getUTCDay();
  const weekFactor = weekday === 0 || weekday === 6 ? 0.55 : 1;
  DEMO_ACCOUNTS.forEach((account, ai) => {
    const principals = DEMO_PRINCIPALS.filter((p) => p.account === account.id);
    account.regions.forEach((region, ri) => {
      for (const model of DEMO_MODELS) {
        principals.forEach((p, pi) => {
          const noise = 0.8 + input.rng() * 0.4;
          const spike =
            p.arn === DEMO_SPIKE.principal && model.model === DEMO_SPIKE.model && input.day === input.spikeDay
              ? DEMO_SPIKE.factor
              : 1;
          const base =
            model.dailyInputTokens *
            ACCOUNT_SHARE[ai] *
            REGION_SHARE[ri] *
            p.weight *
            noise *
            weekFactor *
            spike *
            input.volumeFactor;
          for (const ch of channelsOf(model)) {
            const ctx = {
              day: input.day,
              account,
              region,
              model,
              principal: p,
              tagged: pi === 0,
              streaming: pi % 2 === 1,
            };
            for (const k of tokenKinds(model, ch)) {
              const tokens = Math.round(base * ch.share * k.ratio);
              if (tokens <= 0) continue;
              out.push({ line: usageLine(ctx, ch, k, tokens), model: model.model, tokens });
            }
          }
        });
      }
    });
  });
  return out;
}

/** The provisioned throughput bills every hour of the day, whether used or not. */
export function provisionedDayLine(day: string): GenLine {
  const acct = DEMO_ACCOUNTS.find((a) => a.id === DEMO_PROVISIONED.account)!;
  const hours = 24 * DEMO_PROVISIONED.modelUnits;
  const cost = hours * DEMO_PROVISIONED.hourlyUsd;
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
    region: DEMO_PROVISIONED.region,
    usageType: "USE1-NovaPro-ProvisionedThroughput-NoCommit-ModelUnits",
    operation: "ProvisionedThroughput",
    description: `$${DEMO_PROVISIONED.hourlyUsd} per model unit-hour for NovaPro Provisioned Throughput (no commitment) in ${REGION_NAMES[DEMO_PROVISIONED.region]}`,
    pricingUnit: "Hrs",
    usageAmount: hours,
    cost,
    listCost: cost,
    rate: String(DEMO_PROVISIONED.hourlyUsd),
    resourceId: `arn:aws:bedrock:${DEMO_PROVISIONED.region}:${acct.id}:provisioned-model/${DEMO_PROVISIONED.id}`,
    principal: "",
    resourceTags: {},
    tags: {},
    taxType: "",
  };
}
