import type { DuckDBConnection } from "@duckdb/node-api";
import type { Insertable } from "kysely";
import type { CostAdjustmentTable } from "../../store/schema.js";
import { rows } from "./duck.js";
import { buildLookups, type Lookups } from "./lookups.js";
import { ADJUSTMENTS_SQL, CANON_DAYS_SQL, CANON_SQL, KEYED_SQL, SUMMARY_SQL } from "./normalize-sql.js";
import { adjustmentKind } from "./normalize-tags.js";
import { type PeriodRows, periodRows } from "./rows-out.js";

export { adjustmentKind, canonicalTags } from "./normalize-tags.js";

export type AdjustmentRow = Omit<Insertable<CostAdjustmentTable>, "ingest_id">;

/**
 * A period's daily keys (DuckDB table `agg`) reduced to what the store keeps. The counts, warnings
 * and adjustments are small and computed now; the cost rows and their rollup stay in DuckDB and
 * are streamed (`cost()`, `rollup()`) while the store writes them.
 */
export interface NormalizedPeriod extends PeriodRows {
  adjustments: AdjustmentRow[];
  /** CUR lines that became cost or adjustment rows. */
  bedrockLines: number;
  /** Candidate lines that turned out not to be Bedrock, or Bedrock lines of an uncounted type. */
  skippedLines: number;
  costUsd: number;
  lastUsageDay: string | null;
  warnings: string[];
  /** Number of cost rows and the days they cover. */
  costRows: number;
  days: string[];
}

type Tally = Map<string, { lines: number; usd: number }>;

function tally(t: Tally, warning: string, lines: number, usd: number): void {
  const s = t.get(warning) ?? { lines: 0, usd: 0 };
  t.set(warning, { lines: s.lines + lines, usd: s.usd + usd });
}

/** Counters and warnings from lines and cost per (class, line item type). */
async function summarize(con: DuckDBConnection, lk: Lookups, warnings: Tally) {
  const out = { bedrockLines: 0, skippedLines: 0, costUsd: 0 };
  for await (const [id, type, n, cost] of rows(con, SUMMARY_SQL)) {
    const c = lk.classes.byId[id as number];
    const lines = Number(n);
    const usd = Number(cost ?? 0);
    const t = (type as string | null) ?? "";
    if (!c.isBedrock) out.skippedLines += lines;
    else if (t !== "Usage" && !adjustmentKind(t)) {
      out.skippedLines += lines;
      tally(warnings, `Bedrock lines of type "${t}" are not counted as cost`, lines, usd);
    } else {
      out.bedrockLines += lines;
      if (t !== "Usage") continue;
      out.costUsd += usd;
      if (c.warning) tally(warnings, c.warning, lines, usd);
    }
  }
  return out;
}

async function adjustments(con: DuckDBConnection, lk: Lookups, period: string): Promise<AdjustmentRow[]> {
  const out = new Map<string, AdjustmentRow>();
  for await (const [ad, id, type, cost] of rows(con, ADJUSTMENTS_SQL)) {
    const t = (type as string | null) ?? "";
    const kind = adjustmentKind(t);
    const c = lk.classes.byId[id as number];
    if (!kind || !c.isBedrock) continue;
    const { day, account } = lk.acct[ad as number];
    const model = c.adjustmentModel;
    const key = [day, account, kind, t, model].join("\0");
    const a = out.get(key);
    if (a) a.amount_usd += cost as number;
    else
      out.set(key, {
        period,
        day,
        account,
        kind,
        line_item_type: t,
        model,
        amount_usd: cost as number,
      });
  }
  return [...out.values()];
}

export async function normalizePeriod(con: DuckDBConnection, period: string): Promise<NormalizedPeriod> {
  const lk = await buildLookups(con);
  await con.run(KEYED_SQL);
  // The daily keys are no longer needed: free DuckDB's memory for what follows.
  await con.run("DROP TABLE agg");
  await con.run(CANON_SQL);
  const warnings: Tally = new Map();
  const counts = await summarize(con, lk, warnings);
  const days: string[] = [];
  for await (const [d] of rows(con, CANON_DAYS_SQL)) days.push(d as string);
  let costRowCount = 0;
  for await (const [n] of rows(con, "SELECT count(*)::DOUBLE FROM canon")) costRowCount = n as number;
  const adjusted = await adjustments(con, lk, period);
  await con.run("DROP TABLE keyed");
  return {
    ...counts,
    adjustments: adjusted,
    lastUsageDay: days.at(-1) ?? null,
    warnings: [...warnings]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([w, s]) => `${w} (${s.lines} line(s), $${s.usd.toFixed(2)})`),
    costRows: costRowCount,
    days,
    ...periodRows(con, lk),
  };
}
