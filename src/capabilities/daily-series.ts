import type { CostSource } from "../analyze/anomaly/types.js";
import { billedThrough } from "../domain/billed-through.js";
import { planSpendSources } from "../domain/spend-sources.js";
import type { DayRange } from "../domain/vocabulary.js";
import type { Db } from "../store/db.js";
import { readCurCoverage } from "../store/queries/provenance.js";
import {
  querySpend,
  type SpendFilters,
  type SpendGroup,
  type SpendGroupKey,
} from "../store/queries/spend.js";
import { eachDay } from "../util/dates.js";
import { memoOnData } from "./store-memo.js";

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
 * Reads cover the aligned block of days around a range (BLOCK_DAYS-day blocks from the epoch), so
 * questions about nearby windows — another window, each anomaly's drivers up to its own day —
 * share one read, remembered while the store's data does not change (store-memo.ts). A day's
 * rows do not depend on the range they were read with (the source of a day is fixed by
 * billedThrough), and rows keep their order when filtered to the range, so a series built from
 * the block is the series a read of the range itself would give.
 */
const BLOCK_DAYS = 28;
const DAY_MS = 86_400_000;

function blockAround(range: DayRange): DayRange {
  const day = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
  const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
  const from = Math.floor(day(range.from) / BLOCK_DAYS) * BLOCK_DAYS;
  const to = (Math.floor(day(range.to) / BLOCK_DAYS) + 1) * BLOCK_DAYS - 1;
  return { from: iso(from), to: iso(to) };
}

function readGroups(
  db: Db,
  range: DayRange,
  keys: SpendGroupKey[],
  filters: SpendFilters | undefined,
  through: string | null,
): Promise<SpendGroup[]> {
  const block = blockAround(range);
  const key = `daily-groups ${JSON.stringify([block, keys, filters ?? null, through])}`;
  return memoOnData(
    db,
    key,
    async () => {
      const plan = planSpendSources("auto", block, through);
      return (await querySpend(db, { groupBy: ["day", ...keys], filters, ...plan, limit: NO_LIMIT })).rows;
    },
    (rows) => rows.length,
  );
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
): Promise<DailySeries> {
  const days = eachDay(range.from, range.to);
  const index = new Map(days.map((d, i) => [d, i]));
  const sources = days.map((d): CostSource => (through !== null && d <= through ? "billed" : "estimated"));
  // Days with any cost row at all (whatever the keys and filters): the rest are missing, not $0.
  const withData = new Set((await readGroups(db, range, [], undefined, through)).map((r) => r.keys[0]));
  const hasData = days.map((d) => withData.has(d));
  const lastDataIndex = hasData.lastIndexOf(true);

  const byKey = new Map<string, KeyedDaily>();
  for (const r of await readGroups(db, range, keys, filters, through)) {
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
