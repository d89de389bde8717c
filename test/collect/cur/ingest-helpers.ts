import { sql } from "kysely";
import type { Db } from "../../../src/store/db.js";
import type { PeriodTruth } from "../../../src/synthetic/cur-generator.js";
import { silentLogger } from "../../../src/util/log.js";

export const NOW = new Date("2026-11-06T09:30:00Z");

export function deps(db: Db) {
  return { db, log: silentLogger, now: () => NOW };
}

type Sums = Record<string, number>;

async function sumBy(
  db: Db,
  table: "cost_daily" | "cost_adjustment",
  col: string,
  period: string,
): Promise<Sums> {
  const amount = table === "cost_daily" ? "cost_usd" : "amount_usd";
  const rows = await sql<{ k: string; v: number }>`
    SELECT ${sql.ref(col)} AS k, sum(${sql.ref(amount)}) AS v FROM ${sql.table(table)}
    WHERE period = ${period} GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.k, r.v]));
}

/** What the store holds for a period, in the shape of the generator's truth. */
export async function storedPeriod(db: Db, period: string) {
  const byModel = await sumBy(db, "cost_daily", "model", period);
  const adj = await sumBy(db, "cost_adjustment", "kind", period);
  return {
    costUsd: Object.values(byModel).reduce((s, v) => s + v, 0),
    byModel,
    byDay: await sumBy(db, "cost_daily", "day", period),
    byAccount: await sumBy(db, "cost_daily", "account", period),
    creditsUsd: adj.credit ?? 0,
    refundsUsd: adj.refund ?? 0,
    discountsUsd: adj.discount ?? 0,
    taxUsd: adj.tax ?? 0,
  };
}

/** Compares money to the cent (sums of many doubles differ in the last bits, never in cents). */
export function expectCents(actual: Sums, expected: Sums): string[] {
  const problems: string[] = [];
  for (const k of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const a = actual[k] ?? 0;
    const e = expected[k] ?? 0;
    if (Math.abs(a - e) >= 0.005) problems.push(`${k}: stored ${a.toFixed(4)} ≠ truth ${e.toFixed(4)}`);
  }
  return problems;
}

export async function periodProblems(db: Db, truth: PeriodTruth): Promise<string[]> {
  const s = await storedPeriod(db, truth.period);
  const money = ["costUsd", "creditsUsd", "refundsUsd", "discountsUsd", "taxUsd"] as const;
  return [
    ...expectCents(
      Object.fromEntries(money.map((m) => [m, s[m]])),
      Object.fromEntries(money.map((m) => [m, truth[m]])),
    ),
    ...expectCents(s.byModel, truth.byModel),
    ...expectCents(s.byDay, truth.byDay),
    ...expectCents(s.byAccount, truth.byAccount),
  ].map((p) => `${truth.period} ${p}`);
}

export async function tableCounts(db: Db) {
  const one = async (t: "cost_daily" | "cost_adjustment" | "cur_period" | "ingest_log") =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db)).rows[0].n);
  return {
    cost: await one("cost_daily"),
    adjustments: await one("cost_adjustment"),
    periods: await one("cur_period"),
    logs: await one("ingest_log"),
  };
}
