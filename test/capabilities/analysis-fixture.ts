import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import type { Db } from "../../src/store/db.js";
import { addDays, eachDay, parseDay } from "../../src/util/dates.js";
import { silentLogger } from "../../src/util/log.js";
import { prng } from "../../tools/anomaly-eval-data.js";
import {
  type Billed,
  billed,
  type Estimate,
  estimate,
  insertBilled,
  insertCurPeriod,
  insertEstimates,
} from "../helpers/spend-rows.js";

export const NOW = "2026-11-16T12:00:00Z";
export const TODAY = "2026-11-16";
/** CUR period 2026-11 refreshed on its last usage day 11-14 → billed through 11-13. */
export const BILLED_THROUGH = "2026-11-13";
export const CHAT = "arn:aws:sts::111111111111:assumed-role/ChatBackend/chat-svc";
export const BOB = "arn:aws:sts::333333333333:assumed-role/Researchers/bob@example.com";

export function deps(db: Db, config: unknown = {}): Deps {
  return { db, config: parseConfig(config), now: () => new Date(NOW), log: silentLogger };
}

const weekend = (day: string) => [0, 6].includes(parseDay(day).getUTCDay());

/** Daily USD of a principal: busy weekdays, quiet weekends, ±5% seeded noise. */
export function dailyUsd(busy: number, seed: number) {
  const rand = prng(seed);
  return (day: string) => (weekend(day) ? busy * 0.2 : busy) * (1 + 0.1 * (rand() - 0.5));
}

/**
 * 77 days of spend for two principals (billed through 11-13, estimated after), split over
 * input/output tokens and two regions; `spike` adds that many USD of bob's output tokens on a day.
 */
export async function seedOrg(db: Db, spike?: { day: string; usd: number }) {
  const chat = dailyUsd(300, 1);
  const bob = dailyUsd(100, 2);
  const billedRows: Billed[] = [];
  const estimates: Estimate[] = [];
  for (const day of eachDay(addDays(TODAY, -76), TODAY)) {
    const parts = [
      {
        principal: CHAT,
        account: "111111111111",
        region: "us-east-1",
        token_type: "input" as const,
        usd: chat(day),
      },
      {
        principal: BOB,
        account: "333333333333",
        region: "eu-central-1",
        token_type: "output" as const,
        usd: bob(day),
      },
    ];
    if (spike?.day === day) parts[1].usd += spike.usd;
    for (const { usd, ...p } of parts) {
      if (day <= BILLED_THROUGH) billedRows.push(billed({ day, ...p, cost_usd: usd }));
      else estimates.push(estimate({ day, ...p, cost_usd: usd }));
    }
  }
  await insertBilled(db, billedRows);
  await insertEstimates(db, estimates);
  await insertCurPeriod(db, "2026-11", "2026-11-14", "2026-11-14T10:00:00Z");
}
