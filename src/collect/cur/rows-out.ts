import type { DuckDBConnection } from "@duckdb/node-api";
import type { BulkDictionary, CodedRows } from "../../store/bulk.js";
import { dimColumns, ROLLUP_DIMS } from "../../store/queries/spend-rollup.js";
import { ROLLUP_ROW_COLUMNS } from "../../store/schema-estimate.js";
import { chunks } from "./duck.js";
import type { Lookups } from "./lookups.js";
import { COST_ROWS_SQL, rollupSql } from "./normalize-sql.js";

/**
 * The period's cost and rollup rows leave DuckDB one chunk (2,048 rows) at a time as integer codes
 * and numbers, and become the store's flat row values here, strings taken from the lookups. At
 * no point does JS hold more than one chunk of rows.
 */

const num = (v: unknown) => (v === null ? null : Number(v));

/**
 * Rows per yielded array: small enough (< 128 KB) for V8's young generation, so each array dies in
 * a cheap scavenge instead of piling up in large-object space until a full collection.
 */
const ROWS_PER_YIELD = 256;

function* slices(rows: number): Generator<[number, number]> {
  for (let from = 0; from < rows; from += ROWS_PER_YIELD) yield [from, Math.min(rows, from + ROWS_PER_YIELD)];
}

/** Plain cost columns (the sums) after the codes, in COST_ROW_COLUMNS order. */
const COST_SUMS = 4;

/**
 * The cost rows leave as codes into the lookups: the store joins the strings back in
 * (BulkSession.insertCoded), so a principal ARN or a tag set crosses into SQLite once per distinct
 * value instead of once per row.
 */
function costDictionaries(lk: Lookups): BulkDictionary[] {
  return [
    {
      columns: ["day", "payer_account", "account", "account_name"],
      values: lk.acct.map((a) => [a.day, a.payer, a.account, a.name]),
    },
    {
      columns: [...CLASS_COLUMNS],
      values: lk.classes.canon.map((k) => CLASS_COLUMNS.map((c) => k[c])),
    },
    { columns: ["principal"], values: lk.principals.map((v) => [v]) },
    { columns: ["resource_id"], values: lk.resources.map((v) => [v]) },
    { columns: ["tags"], values: lk.tags.map((v) => [v]) },
  ];
}

const CLASS_COLUMNS = [
  "region",
  "model",
  "model_id",
  "token_type",
  "cache_ttl",
  "pricing_model",
  "route",
  "usage_type",
  "product_code",
  "unit",
] as const;

async function* costRows(con: DuckDBConnection): AsyncGenerator<unknown[]> {
  const width = 5 + COST_SUMS;
  for await (const c of chunks(con, COST_ROWS_SQL)) {
    const [ad, cc, pr, rs, tg, tokens, usage, cost, list] = c.columns;
    for (const [from, to] of slices(c.rows)) {
      const out: unknown[] = new Array((to - from) * width);
      for (let r = from, o = 0; r < to; r++, o += width) {
        // The dictionaries' codes, then tokens, usage_amount, cost_usd, list_cost_usd.
        out[o] = ad.getItem(r);
        out[o + 1] = cc.getItem(r);
        out[o + 2] = pr.getItem(r);
        out[o + 3] = rs.getItem(r);
        out[o + 4] = tg.getItem(r);
        out[o + 5] = tokens.getItem(r);
        out[o + 6] = usage.getItem(r);
        out[o + 7] = cost.getItem(r);
        out[o + 8] = num(list.getItem(r));
      }
      yield out;
    }
  }
}

/** Rollup dimension names by code (see rollupSql) and how each code's keys become values. */
function dimensions(lk: Lookups) {
  const tagBase = ROLLUP_DIMS.length + 1;
  const names = ["*", ...ROLLUP_DIMS, ...lk.tagKeys.map((k) => `tag:${k}`)];
  const values = (column: string | undefined): readonly (string | null)[] => {
    if (column === "account") return lk.accounts;
    if (column === "principal") return lk.principals;
    return (column && lk.classes.dimKeys[column]) || [];
  };
  // Per code, the values of its key and key2 codes (a pair dimension has both).
  const keys = names.map((name, code) =>
    code >= tagBase ? [lk.tagValues, []] : [values(dimColumns(name)[0]), values(dimColumns(name)[1])],
  );
  return { tagBase, names, keys };
}

/** Materializes the period's rollup in DuckDB (temp table rollup_out). */
function computeRollup(con: DuckDBConnection, lk: Lookups): Promise<void> {
  const d = dimensions(lk);
  const sql = rollupSql(ROLLUP_DIMS, d.tagBase, lk.nullPrincipal, lk.emptyTags);
  return con.run(`CREATE OR REPLACE TEMP TABLE rollup_out AS ${sql}`).then(() => undefined);
}

async function* rollupRows(
  con: DuckDBConnection,
  lk: Lookups,
  computed: () => Promise<void>,
): AsyncGenerator<unknown[]> {
  await computed(); // here, not at the call: a generator's body runs on its first next()
  const width = ROLLUP_ROW_COLUMNS.length;
  const d = dimensions(lk);
  // Ordered by dimension and day: the store's rollup index receives its entries close together.
  for await (const c of chunks(con, "SELECT * FROM rollup_out ORDER BY 1, 2, 3")) {
    const [dim, day, key, key2, name, ...sums] = c.columns;
    for (const [from, to] of slices(c.rows)) {
      const out: unknown[] = new Array((to - from) * width);
      for (let r = from, o = 0; r < to; r++, o += width) {
        const code = dim.getItem(r) as number;
        const k = key.getItem(r) as number | null;
        const k2 = key2.getItem(r) as number | null;
        const n = name.getItem(r) as number | null;
        // ROLLUP_ROW_COLUMNS order: day, dim, key, key2, account_name, then the sums.
        out[o] = lk.days[day.getItem(r) as number];
        out[o + 1] = d.names[code];
        out[o + 2] = k === null ? null : d.keys[code][0][k];
        out[o + 3] = k2 === null ? null : d.keys[code][1][k2];
        out[o + 4] = n === null ? null : lk.accountNames[n];
        for (let i = 0; i < sums.length; i++) out[o + 5 + i] = sums[i].getItem(r);
      }
      yield out;
    }
  }
}

/** The period's rows for the store, read once each: cost rows first, then the rollup. */
export interface PeriodRows {
  /** Coded over COST_ROW_COLUMNS (see costDictionaries). */
  cost(): CodedRows;
  rollup(): AsyncGenerator<unknown[]>;
  /** Waits for DuckDB work still running (a store that failed midway) and frees the tables. */
  settle(): Promise<void>;
}

/**
 * The rollup's GROUP BYs start in DuckDB as soon as the last cost row has left it, so they run on
 * DuckDB's threads while SQLite rebuilds its indexes on this one (docs/performance.md).
 */
export function periodRows(con: DuckDBConnection, lk: Lookups): PeriodRows {
  let computed: Promise<void> | null = null;
  const startRollup = () => {
    if (!computed) {
      computed = computeRollup(con, lk);
      // Awaited by rollup() or settle(); never an unhandled rejection if the store fails first.
      computed.catch(() => {});
    }
    return computed;
  };
  async function* cost() {
    yield* costRows(con);
    startRollup();
  }
  return {
    cost: () => ({ dictionaries: costDictionaries(lk), rows: cost() }),
    rollup: () => rollupRows(con, lk, startRollup),
    async settle() {
      await computed?.catch(() => {});
      // Freed now rather than at the next period's CREATE OR REPLACE, which comes after its read.
      await con.run("DROP TABLE IF EXISTS rollup_out; DROP TABLE IF EXISTS canon");
    },
  };
}
