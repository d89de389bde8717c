import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recomputeEstimates } from "../../src/derive/estimate.js";
import { openDb } from "../../src/store/db.js";
import { type MetricHourRow, upsertMetricHours } from "../../src/store/queries/metrics.js";
import { DEMO_MODELS } from "../../src/synthetic/org.js";
import { addDays, eachDay } from "../../src/util/dates.js";
import type { Bench } from "./types.js";

/**
 * Estimate recompute over a realistic window: 3 accounts × 2 regions × 20 ModelIds × 40 days × 24 h
 * (115,200 CloudWatch hours) and 50,000 invocation-log requests, in a file-backed store. Target: a
 * full recompute (read, estimate, replace, reconcile) under 10 s on a shared 2-core machine.
 */
const NOW = new Date("2026-11-26T12:00:00Z");
const ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
const REGIONS = ["us-east-1", "us-west-2"];

export const estimateBench: Bench = {
  name: "estimate",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bench-estimate-"));
    const db = await openDb(join(dir, "store.db"));
    try {
      const ids = DEMO_MODELS.flatMap((m) => [m.modelId, `us.${m.modelId}`]);
      const days = eachDay(addDays("2026-11-26", -39), "2026-11-26");
      const rows: MetricHourRow[] = [];
      for (const account of ACCOUNTS)
        for (const region of REGIONS)
          for (const model_id of ids)
            for (const day of days)
              for (let h = 0; h < 24; h++)
                rows.push({
                  account,
                  region,
                  model_id,
                  hour: `${day}T${String(h).padStart(2, "0")}:00Z`,
                  invocations: 10,
                  input_tokens: 12_000,
                  output_tokens: 2_000,
                  cache_read_tokens: 500,
                  cache_write_tokens: 50,
                  latency_avg_ms: 300,
                  throttles: 0,
                  client_errors: 0,
                  server_errors: 0,
                });
      await upsertMetricHours(db, rows);
      const logs = Array.from({ length: 50_000 }, (_, i) => ({
        request_id: `r${i}`,
        ts: `${days[i % days.length]}T10:00:00Z`,
        account: ACCOUNTS[i % 3],
        region: "us-east-1",
        operation: "Converse",
        model_id: ids[i % ids.length],
        principal: `arn:aws:sts::${ACCOUNTS[i % 3]}:assumed-role/App/p${i % 40}`,
        inference_region: null,
        input_tokens: 1000,
        output_tokens: 100,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        error_code: null,
        request_metadata: JSON.stringify({ team: `t${i % 7}` }),
      }));
      for (let i = 0; i < logs.length; i += 500)
        await db
          .insertInto("invocation_log")
          .values(logs.slice(i, i + 500))
          .execute();
      const t0 = performance.now();
      const r = await recomputeEstimates(db, { now: NOW });
      const seconds = (performance.now() - t0) / 1000;
      return [
        { bench: "estimate", metric: "metric hours", value: rows.length, unit: "rows" },
        { bench: "estimate", metric: "estimate rows written", value: r.rows, unit: "rows" },
        {
          bench: "estimate",
          metric: "recompute 40 days",
          value: seconds,
          unit: "s",
          target: "< 10",
          pass: seconds < 10,
        },
      ];
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
