import type { Db } from "../../src/store/db.js";
import { eachDay, parseDay } from "../../src/util/dates.js";
import { prng } from "../../tools/anomaly-eval-data.js";
import { seedOrgStore, type TrafficHour } from "../../tools/anomaly-eval-store.js";

/**
 * The issue-10 organization on a real store: 3 accounts in us-east-1; research's role lacks
 * cloudwatch:GetMetricData (its metrics collection fails with AccessDenied, so it has no metric
 * rows); invocation logs carry 15% of every account's requests; the CUR bills through BILLED
 * (with every principal, as the CUR does) and the estimate recompute fills the days after it from
 * what the store holds. `runaway` multiplies prod's Claude Sonnet 4.6 tokens ×10 for RUNAWAY_HOURS
 * on the first estimated day.
 */

export const BILLED = "2026-11-16";
export const FIRST_ESTIMATED = "2026-11-17";
export const NOW = "2026-11-18T10:30:00Z";
export const LAST_HOUR = "2026-11-18T09:00Z";
export const FIRST_DAY = "2026-10-10";
export const PROD = "111111111111";
export const STAGING = "222222222222";
export const RESEARCH = "333333333333";
export const SONNET = "Claude Sonnet 4.6";
export const RUNAWAY_HOURS = ["13", "14", "15", "16"].map((h) => `${FIRST_ESTIMATED}T${h}:00Z`);
export const LOG_SHARE = 0.15;

const role = (id: string) => `arn:aws:iam::${id}:role/BedrockSpendReadOnly`;
const arn = (id: string, who: string) => `arn:aws:sts::${id}:assumed-role/${who}`;

export const CONFIG = {
  accounts: [
    { id: PROD, name: "prod", roleArn: role(PROD), externalId: "ext-prod" },
    { id: STAGING, name: "staging", roleArn: role(STAGING), externalId: "ext-staging" },
    { id: RESEARCH, name: "research", roleArn: role(RESEARCH), externalId: "ext-research" },
  ],
};

/** Peak-hour input tokens and output ratio per ModelId; principals split each account's traffic. */
const ORG = [
  {
    account: PROD,
    models: [
      { modelId: "us.anthropic.claude-sonnet-4-6", input: 2e6, output: 0.15 },
      { modelId: "amazon.nova-pro-v1:0", input: 6e6, output: 0.2 },
    ],
    principals: [
      [arn(PROD, "ChatBackend/chat-svc"), 0.7],
      [arn(PROD, "SearchIndexer/indexer"), 0.3],
    ],
  },
  {
    account: STAGING,
    models: [
      { modelId: "anthropic.claude-haiku-4-5-20251001-v1:0", input: 3e6, output: 0.2 },
      { modelId: "amazon.nova-lite-v1:0", input: 2e7, output: 0.2 },
    ],
    principals: [[arn(STAGING, "CiRunner/gh-actions"), 1]],
  },
  {
    account: RESEARCH,
    models: [
      { modelId: "us.anthropic.claude-sonnet-4-6", input: 1.5e6, output: 0.2 },
      { modelId: "meta.llama3-3-70b-instruct-v1:0", input: 4e6, output: 0.25 },
    ],
    principals: [
      [arn(RESEARCH, "Researchers/alice"), 0.6],
      [arn(RESEARCH, "Researchers/bob"), 0.4],
    ],
  },
] as const;

const shape = (hour: string) => {
  const h = Number(hour.slice(11, 13));
  const weekend = [0, 6].includes(parseDay(hour.slice(0, 10)).getUTCDay());
  return (h >= 8 && h <= 18 ? 1 : 0.3) * (weekend ? 0.4 : 1);
};

/** Every hour × account × model × principal, up to LAST_HOUR. */
function traffic(runaway: boolean): TrafficHour[] {
  const rand = prng(11);
  const out: TrafficHour[] = [];
  for (const day of eachDay(FIRST_DAY, LAST_HOUR.slice(0, 10)))
    for (let h = 0; h < 24; h++) {
      const hour = `${day}T${String(h).padStart(2, "0")}:00Z`;
      if (hour > LAST_HOUR) break;
      for (const a of ORG)
        for (const m of a.models) {
          const loop =
            runaway && a.account === PROD && m.modelId.includes("sonnet") && RUNAWAY_HOURS.includes(hour);
          const f = shape(hour) * (1 + 0.2 * (rand() - 0.5)) * (loop ? 10 : 1);
          for (const [principal, w] of a.principals) {
            const input = Math.round(m.input * f * w);
            out.push({
              hour,
              account: a.account,
              region: "us-east-1",
              modelId: m.modelId,
              principal,
              input,
              output: Math.round(input * m.output),
            });
          }
        }
    }
  return out;
}

export async function seedCoverageOrg(db: Db, o: { runaway?: boolean } = {}) {
  await seedOrgStore(db, {
    traffic: traffic(o.runaway ?? false),
    accounts: CONFIG.accounts,
    firstDay: FIRST_DAY,
    billedThrough: BILLED,
    lastHour: LAST_HOUR,
    now: NOW,
    logShare: LOG_SHARE,
    gaps: [
      {
        account: RESEARCH,
        region: "us-east-1",
        through: null,
        errorName: "AccessDenied",
        since: "2026-10-10T06:05:00Z",
      },
    ],
  });
}
