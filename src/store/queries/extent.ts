import { sql } from "kysely";
import type { Db } from "../db.js";

/** First and last UTC day the store holds any cost or usage for, null when it holds none. */
export interface DayExtent {
  first: string;
  last: string;
}

/**
 * One index seek per bound: SQLite answers a lone MIN() or MAX() over an indexed column from the
 * index, but not a MIN and a MAX in the same SELECT, hence one scalar subquery each.
 */
export async function readDayExtent(db: Db): Promise<DayExtent | null> {
  const { rows } = await sql<{
    f1: string | null;
    l1: string | null;
    f2: string | null;
    l2: string | null;
    f3: string | null;
    l3: string | null;
  }>`
    SELECT (SELECT MIN(day) FROM cost_daily) AS f1, (SELECT MAX(day) FROM cost_daily) AS l1,
           (SELECT MIN(day) FROM cost_estimate_daily) AS f2, (SELECT MAX(day) FROM cost_estimate_daily) AS l2,
           (SELECT substr(MIN(hour), 1, 10) FROM metric_hourly) AS f3,
           (SELECT substr(MAX(hour), 1, 10) FROM metric_hourly) AS l3`.execute(db);
  const r = rows[0];
  const firsts = [r.f1, r.f2, r.f3].filter((d): d is string => d !== null).sort();
  const lasts = [r.l1, r.l2, r.l3].filter((d): d is string => d !== null).sort();
  if (!firsts.length || !lasts.length) return null;
  return { first: firsts[0], last: lasts[lasts.length - 1] };
}
