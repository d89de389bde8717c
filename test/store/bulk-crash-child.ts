/**
 * Child process of bulk-crash.test.ts: replaces period 2026-10 of the store at argv[2] with 60,000
 * rows (a large write), prints "halfway" after 30,000 and then waits to be killed.
 */
import { openDb } from "../../src/store/db.js";
import { COST_ROW_COLUMNS, replaceCurPeriod, startIngestLog } from "../../src/store/queries/cur.js";
import { billed } from "../helpers/spend-rows.js";

const ROWS = 60_000;

async function* stalling(): AsyncGenerator<unknown[]> {
  for (let i = 0; i < ROWS; i++) {
    if (i === ROWS / 2) {
      process.stdout.write("halfway\n");
      await new Promise(() => {}); // killed here, inside the transaction
    }
    const row = billed({ day: `2026-10-${String(1 + (i % 28)).padStart(2, "0")}`, cost_usd: 999 });
    yield COST_ROW_COLUMNS.map((c) => (row as Record<string, unknown>)[c] ?? null);
  }
}

const db = await openDb(process.argv[2]);
const ingestId = await startIngestLog(db, {
  source: "t",
  period: "2026-10",
  files: "[]",
  started_at: "2026-12-01",
});
await replaceCurPeriod(db, {
  period: {
    period: "2026-10",
    source: "t",
    fingerprint: "restated",
    last_usage_day: "2026-10-28",
    refreshed_at: null,
    has_iam_principal: 1,
    ingested_at: "2026-12-01",
  },
  ingestId,
  cost: { dictionaries: [], rows: stalling() },
  costRows: ROWS,
  adjustments: [],
  rollup: { days: [], rows: (async function* () {})() },
  log: { status: "ok" },
});
