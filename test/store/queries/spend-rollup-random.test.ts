import { describe, expect, it } from "vitest";
import { querySpend, type SpendFilters, type SpendGroupKey } from "../../../src/store/queries/spend.js";
import { createRng, type Rng } from "../../../src/synthetic/cur/prng.js";
import { addDays } from "../../../src/util/dates.js";
import { memoryDb } from "../../helpers/db.js";
import { billed, estimate, insertBilled, insertEstimates } from "../../helpers/spend-rows.js";

/**
 * The rollup (day rows, month rows, the account × model pair, tag remainders) against the raw
 * rows, for random writes spread over four months and random question shapes and ranges: a month
 * row that missed a write, or a span that reads a month twice, shows as money that differs.
 */

const ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
const MODELS = ["Claude Sonnet 4.6", "Nova Pro", "Llama 3.1 8B", "Claude Opus 4.6"];
const TEAMS = ["search", "chat", "platform"];
const START = "2026-08-20";
const DAYS = 110; // into early December: whole months and edges

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const dayAt = (rng: Rng) => addDays(START, Math.floor(rng() * DAYS));

function line(rng: Rng) {
  const team = rng() < 0.3 ? null : pick(rng, TEAMS);
  return {
    day: dayAt(rng),
    account: pick(rng, ACCOUNTS),
    model: pick(rng, MODELS),
    principal: rng() < 0.5 ? `arn:aws:iam::111111111111:user/u${Math.floor(rng() * 5)}` : null,
    tags: JSON.stringify(team ? { team } : {}),
    tokens: Math.floor(rng() * 10_000),
    cost_usd: Math.round(rng() * 10_000) / 100,
  };
}

const SHAPES: SpendGroupKey[][] = [
  ["model"],
  ["account"],
  ["principal"],
  ["tag:team"],
  ["account", "model"],
  ["day"],
  ["day", "model"],
];

function filtersOf(rng: Rng): SpendFilters | undefined {
  const r = rng();
  if (r < 0.4) return undefined;
  if (r < 0.6) return { account: [pick(rng, ACCOUNTS)] };
  if (r < 0.75) return { model: [pick(rng, MODELS), pick(rng, MODELS)] };
  if (r < 0.9) return { account: [pick(rng, ACCOUNTS)], model: [pick(rng, MODELS)] };
  return { tag: { key: "team", value: pick(rng, TEAMS) } };
}

describe("spend rollup under random writes and questions", () => {
  it("answers every question like the raw rows, to the cent", async () => {
    const rng = createRng(20261204);
    const db = await memoryDb();
    let asked = 0;
    for (let round = 0; round < 12; round++) {
      // A write: new billed lines, estimates, a deleted day, a re-priced day.
      await insertBilled(
        db,
        Array.from({ length: 40 }, () => billed(line(rng))),
      );
      await insertEstimates(
        db,
        Array.from({ length: 10 }, () =>
          estimate({ ...line(rng), cost_usd: rng() < 0.2 ? null : rng() * 50 }),
        ),
      );
      if (round % 3 === 2) await db.deleteFrom("cost_daily").where("day", "=", dayAt(rng)).execute();
      if (round % 4 === 3)
        await db.updateTable("cost_daily").set({ cost_usd: 77.7 }).where("day", "=", dayAt(rng)).execute();

      for (let q = 0; q < 8; q++) {
        const from = dayAt(rng);
        const to = addDays(from, Math.floor(rng() * 100));
        const split = addDays(from, Math.floor(rng() * 60));
        const groupBy = pick(rng, SHAPES);
        const query = {
          groupBy,
          filters: filtersOf(rng),
          billed: { from, to: [split, to].sort()[0] }, // days compare as text
          estimated: split < to ? { from: addDays(split, 1), to } : undefined,
          limit: 1000,
        };
        const fast = await querySpend(db, query);
        const slow = await querySpend(db, { ...query, useRollup: false });
        const what = JSON.stringify(query);
        expect(
          fast.rows.map((r) => r.keys),
          what,
        ).toEqual(slow.rows.map((r) => r.keys));
        fast.rows.forEach((r, i) => {
          expect(r.costUsd === null, what).toBe(slow.rows[i].costUsd === null);
          expect(r.costUsd ?? 0, what).toBeCloseTo(slow.rows[i].costUsd ?? 0, 6);
          expect(r.tokens, what).toBe(slow.rows[i].tokens);
        });
        expect(fast.totals.costUsd, what).toBeCloseTo(slow.totals.costUsd, 6);
        expect(fast.totals.groups, what).toBe(slow.totals.groups);
        asked++;
      }
    }
    expect(asked).toBe(96);
  });
});
