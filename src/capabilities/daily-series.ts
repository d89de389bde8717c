import type { CostSource } from "../analyze/anomaly/types.js";
import { billedThrough } from "../domain/billed-through.js";
import { planSpendSources } from "../domain/spend-sources.js";
import type { Db } from "../store/db.js";
import { readCurCoverage } from "../store/queries/provenance.js";
import { querySpend, type SpendFilters, type SpendGroupKey } from "../store/queries/spend.js";
import { eachDay } from "../util/dates.js";

/**
 * Daily cost series per key, read through the spend queries (billed CUR through billedThrough,
 * estimates after it). A day on which the store holds no cost row at all is missing (null: not
 * ingested, or a collection gap); on a day with data, a key without rows spent $0.
 */

export interface KeyedDaily {
  keys: (string | null)[];
  values: (number | null)[];
  billed: number[];
  estimated: number[];
}

export interface DailySeries {
  days: string[];
  sources: CostSource[];
  /** Index of the last day with any data (−1 when none): later days are not evaluated. */
  lastDataIndex: number;
  billedThrough: string | null;
  series: KeyedDaily[];
}

const NO_LIMIT = 1_000_000;

/**
 * Which days of a range hold any cost row, per (range, billedThrough): the same for every series
 * of one detection run (it ignores keys and filters), so one run reads it once. Made per request,
 * never shared between requests (the store can change between them).
 */
export type PresenceMemo = Map<string, Promise<boolean[]>>;

async function readPresence(
  db: Db,
  days: string[],
  plan: ReturnType<typeof planSpendSources>,
): Promise<boolean[]> {
  const index = new Map(days.map((d, i) => [d, i]));
  const presence = await querySpend(db, { groupBy: ["day"], ...plan, limit: NO_LIMIT });
  const hasData = new Array(days.length).fill(false);
  for (const r of presence.rows) hasData[index.get(r.keys[0] as string) ?? -1] = true;
  return hasData;
}

export async function readBilledThrough(db: Db): Promise<string | null> {
  return billedThrough(await readCurCoverage(db));
}

export async function loadDailySeries(
  db: Db,
  range: { from: string; to: string },
  keys: SpendGroupKey[],
  filters: SpendFilters | undefined,
  through: string | null,
  memo?: PresenceMemo,
): Promise<DailySeries> {
  const days = eachDay(range.from, range.to);
  const index = new Map(days.map((d, i) => [d, i]));
  const plan = planSpendSources("auto", range, through);
  const sources = days.map((d): CostSource => (through !== null && d <= through ? "billed" : "estimated"));
  const memoKey = `${range.from}|${range.to}|${through}`;
  let pending = memo?.get(memoKey);
  if (!pending) {
    pending = readPresence(db, days, plan);
    memo?.set(memoKey, pending);
  }
  const hasData = await pending;
  const lastDataIndex = hasData.lastIndexOf(true);

  const grouped = await querySpend(db, { groupBy: ["day", ...keys], filters, ...plan, limit: NO_LIMIT });
  const byKey = new Map<string, KeyedDaily>();
  for (const r of grouped.rows) {
    const i = index.get(r.keys[0] as string);
    if (i === undefined) continue;
    const k = r.keys.slice(1);
    const id = JSON.stringify(k);
    let s = byKey.get(id);
    if (!s) {
      s = {
        keys: k,
        values: hasData.map((h) => (h ? 0 : null)),
        billed: new Array(days.length).fill(0),
        estimated: new Array(days.length).fill(0),
      };
      byKey.set(id, s);
    }
    const usd = r.costUsd ?? 0;
    s.values[i] = (s.values[i] ?? 0) + usd;
    if (sources[i] === "billed") s.billed[i] += usd;
    else s.estimated[i] += usd;
  }
  if (keys.length === 0 && byKey.size === 0) {
    byKey.set("[]", {
      keys: [],
      values: hasData.map((h) => (h ? 0 : null)),
      billed: new Array(days.length).fill(0),
      estimated: new Array(days.length).fill(0),
    });
  }
  return { days, sources, lastDataIndex, billedThrough: through, series: [...byKey.values()] };
}
