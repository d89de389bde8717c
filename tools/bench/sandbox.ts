import { type MetricDataQuery, paginateGetMetricData, paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import { createAwsAccess } from "../../src/aws/access.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";
import type { Bench, BenchResult } from "./types.js";

/**
 * The AWS sandbox under a collector-like load: start-up (with 48 h of invocation logs written),
 * and a 35-day hourly metrics backfill of one account/region through the real CloudWatch client
 * (ListMetrics + paginated GetMetricData, every metric of every ModelId).
 */
export const sandboxBench: Bench = {
  name: "sandbox",
  async run(): Promise<BenchResult[]> {
    const now = new Date("2026-11-26T12:00:00Z");
    const t0 = performance.now();
    const sb = await startSandbox({ now, logHours: 48 });
    const startMs = performance.now() - t0;
    const a = DEMO_ACCOUNTS[0];
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    const cw = aws.clients(
      { ...a, roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}` },
      a.regions[0],
    ).cloudwatch;
    const t1 = performance.now();
    const metrics = [];
    for await (const p of paginateListMetrics({ client: cw }, { Namespace: "AWS/Bedrock" }))
      metrics.push(...p.Metrics!);
    const queries: MetricDataQuery[] = metrics.map((m, i) => ({
      Id: `q${i}`,
      MetricStat: { Metric: m, Period: 3600, Stat: "Sum" },
    }));
    let points = 0;
    const start = new Date(now.getTime() - 35 * 86_400_000);
    for await (const p of paginateGetMetricData(
      { client: cw },
      { MetricDataQueries: queries, StartTime: start, EndTime: now },
    ))
      for (const r of p.MetricDataResults ?? []) points += r.Values?.length ?? 0;
    const backfillMs = performance.now() - t1;
    const calls = sb.callLog().length;
    aws.close();
    await sb.close();
    return [
      {
        bench: "sandbox",
        metric: "startup (48 h of logs written)",
        value: startMs,
        unit: "ms",
        target: "< 3000",
        pass: startMs < 3000,
      },
      {
        bench: "sandbox",
        metric: "35-day backfill, 1 account/region",
        value: backfillMs,
        unit: "ms",
        target: "< 5000",
        pass: backfillMs < 5000,
      },
      { bench: "sandbox", metric: "datapoints fetched", value: points, unit: "points" },
      { bench: "sandbox", metric: "throughput", value: points / (backfillMs / 1000), unit: "points/s" },
      { bench: "sandbox", metric: "HTTP calls (incl. AssumeRole)", value: calls, unit: "calls" },
    ];
  },
};
