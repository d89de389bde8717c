import { rmSync } from "node:fs";
import { createAwsAccess } from "../../src/aws/access.js";
import { discoverMetricQueries } from "../../src/collect/cloudwatch/collect-metrics.js";
import { planGetMetricData } from "../../src/collect/cloudwatch/plan.js";
import { runCollection } from "../../src/collect/run.js";
import { parseConfig } from "../../src/config.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";
import { fileDb } from "../../test/helpers/db.js";
import type { Bench, BenchResult } from "./types.js";

const NOW = new Date("2026-11-26T12:34:00Z");
const REGIONS = ["us-east-1", "us-west-2", "eu-central-1"];
const DAYS = 90;
const MODELS = 20;

/**
 * 90 days of hourly CloudWatch metrics for 3 accounts × 3 regions × 20 ModelIds through the
 * sandbox and the real SDK: wall time, GetMetricData calls (must equal the planner's minimum) and
 * metrics requested (what the tool's own collection costs, $0.01 per 1,000).
 */
export const collectMetricsBench: Bench = {
  name: "collect-metrics",
  async run(): Promise<BenchResult[]> {
    // The demo org has 1-2 regions per account; at this scale every account serves traffic for
    // the same number of ModelIds in all three regions.
    const sb = await startSandbox({ now: NOW, logHours: 1, scale: { regions: REGIONS, modelIds: MODELS } });
    const config = parseConfig({
      accounts: DEMO_ACCOUNTS.map((a) => ({
        id: a.id,
        roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
        externalId: a.externalId,
        regions: REGIONS,
      })),
      collect: { backfillDays: DAYS, concurrency: 4 },
    });
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    const { db, dir } = await fileDb();
    try {
      let minimum = 0;
      for (const a of config.accounts)
        for (const r of a.regions) {
          const { queries } = await discoverMetricQueries(aws.clients(a, r).cloudwatch);
          minimum += planGetMetricData(queries.length, DAYS * 24).length;
        }
      sb.clearCallLog();
      const t0 = performance.now();
      const s = await runCollection(
        { db, config, now: () => NOW, log: silentLogger, aws },
        { sources: ["metrics"] },
      );
      const seconds = (performance.now() - t0) / 1000;
      const calls = sb.callLog().filter((c) => c.action === "cloudwatch:GetMetricData").length;
      const requested = s.units.reduce((n, u) => n + u.metricsRequested, 0);
      const rows = s.units.reduce((n, u) => n + u.items, 0);
      const b = "collect-metrics";
      return [
        {
          bench: b,
          metric: "units ok",
          value: s.units.filter((u) => u.status === "ok").length,
          unit: "units",
          target: "9",
          pass: s.status === "ok",
        },
        { bench: b, metric: "wall time", value: seconds, unit: "s" },
        {
          bench: b,
          metric: "GetMetricData calls",
          value: calls,
          unit: "calls",
          target: `= planner minimum ${minimum}`,
          pass: calls === minimum,
        },
        {
          bench: b,
          metric: "metrics requested",
          value: requested,
          unit: "metrics",
          target: `$${((requested / 1000) * 0.01).toFixed(4)}`,
        },
        { bench: b, metric: "hour rows stored", value: rows, unit: "rows" },
        { bench: b, metric: "throughput", value: rows / seconds, unit: "rows/s" },
      ];
    } finally {
      aws.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
      await sb.close();
    }
  },
};
