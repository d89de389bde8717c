import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/store/db.js";
import { highCardStore } from "./cur-store.js";
import { loadAverage } from "./processes.js";
import { type SpendQuestion, spendLatencies } from "./spend-latency.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * `report spend` on a store filled by ingest-cur from 13 months of the high-cardinality export
 * (~190k daily keys a month: thousands of principals, tag values, resources). Targets: p95 < 50 ms
 * unfiltered, < 150 ms with an account or tag filter.
 */
const NOW = "2026-11-30T12:00:00Z";
const YEAR = { from: "2025-11-01", to: "2026-11-29" };
const QUESTIONS: SpendQuestion[] = [
  { name: "by model, this month", input: { groupBy: ["model"] }, target: 50 },
  { name: "by principal, this month", input: { groupBy: ["principal"] }, target: 50 },
  { name: "by tag:team, this month", input: { groupBy: ["tag:team"] }, target: 50 },
  { name: "by account,day, 13 months", input: { ...YEAR, groupBy: ["account", "day"] }, target: 50 },
  { name: "by tag:app, 13 months", input: { ...YEAR, groupBy: ["tag:app"] }, target: 50 },
  { name: "by principal, 13 months", input: { ...YEAR, groupBy: ["principal"] }, target: 50 },
  {
    name: "by model, this month, one account",
    input: { groupBy: ["model"], filters: { account: ["111111111111"] } },
    target: 150,
  },
  {
    name: "by model, this month, tag team=search",
    input: { groupBy: ["model"], filters: { tag: { key: "team", value: "search" } } },
    target: 150,
  },
  {
    name: "by day, 13 months, one account",
    input: { ...YEAR, groupBy: ["day"], filters: { account: ["222222222222"] } },
    target: 150,
  },
];

export const reportSpendHcBench: Bench = {
  name: "report-spend-hc",
  async run(): Promise<BenchResult[]> {
    const path = join(tmpdir(), `bedrock-spend-bench-hc-${process.pid}.db`);
    const { built } = await highCardStore(path);
    const out: BenchResult[] = [];
    const r = (metric: string, value: number, unit: string) =>
      out.push({ bench: "report-spend-hc", metric, value, unit });
    if (built) {
      r("13-month ingest (built now), wall", built.seconds, "s");
      r("13-month ingest (built now), CPU", built.cpuSeconds, "s");
      r("13-month ingest (built now), peak RSS", built.rssMb, "MB");
    }
    const db = await openDb(path);
    try {
      const rows = await db
        .selectFrom("cost_daily")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      r("billed rows", Number(rows.n), "rows");
      r("load average at start", loadAverage(), "");
      out.push(
        ...(await spendLatencies(
          "report-spend-hc",
          db,
          NOW,
          QUESTIONS,
          Number(process.env.BENCH_RUNS ?? 30),
        )),
      );
    } finally {
      await db.destroy();
      for (const ext of ["", "-wal", "-shm"]) rmSync(path + ext, { force: true });
    }
    return out;
  },
};
