import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../../src/aws/access.js";
import { collectMetrics, discoverMetricQueries } from "../../../src/collect/cloudwatch/collect-metrics.js";
import { BEDROCK_METRICS } from "../../../src/collect/cloudwatch/metrics.js";
import { planGetMetricData } from "../../../src/collect/cloudwatch/plan.js";
import { hourSeries } from "../../../src/sandbox/org-metrics.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/server.js";
import type { Db } from "../../../src/store/db.js";
import { getMetricWatermark } from "../../../src/store/queries/metrics.js";
import { memoryDb } from "../../helpers/db.js";
import { PROD, sandboxAccess, sandboxAccount } from "../../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:34:00Z");
const H = 3_600_000;
const REGION = "us-east-1";

describe("collectMetrics against the sandbox (real CloudWatch client)", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  let db: Db;
  const cw = () => aws.clients(sandboxAccount(PROD), REGION).cloudwatch;
  const gmdCalls = () => sb.callLog().filter((c) => c.action === "cloudwatch:GetMetricData").length;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 1 });
    aws = sandboxAccess(sb);
    db = await memoryDb();
  });
  afterAll(async () => {
    aws.close();
    await db.destroy();
    await sb.close();
  });

  it("backfills the window with the planner's minimum of calls and stores exactly the generated values", async () => {
    sb.clearCallLog();
    const { queries } = await discoverMetricQueries(cw());
    sb.clearCallLog();
    const res = await collectMetrics(db, cw(), { account: PROD, region: REGION, now: NOW, backfillDays: 45 });
    const hours = 45 * 24;
    const plan = planGetMetricData(queries.length, hours);
    expect(plan.length).toBeGreaterThan(1);
    expect(gmdCalls()).toBe(plan.length);
    // Billed per metric requested: each call's query count.
    expect(res.metricsRequested).toBe(plan.reduce((n, c) => n + c.queryEnd - c.queryStart, 0));

    const stored = await db.selectFrom("metric_hourly").selectAll().where("account", "=", PROD).execute();
    const byKey = new Map(stored.map((r) => [`${r.model_id} ${r.hour}`, r]));
    const end = Date.UTC(2026, 10, 26, 12);
    let expected = 0;
    for (const { modelId } of sb.state.org.modelIds(PROD, REGION)) {
      const series = hourSeries(sb.state.org, PROD, REGION, modelId)!;
      for (let t = end - hours * H; t < end; t += H) {
        const want = series(t);
        if (!want) continue;
        expected++;
        const hour = `${new Date(t).toISOString().slice(0, 13)}:00Z`;
        const got = byKey.get(`${modelId} ${hour}`);
        expect(got, `${modelId} ${hour}`).toBeDefined();
        for (const m of BEDROCK_METRICS) {
          const s = want[m.name as keyof typeof want];
          const v = s ? (m.stat === "Average" ? s.sum / s.count : s.sum) : m.stat === "Average" ? null : 0;
          if (v === null) expect(got?.[m.column]).toBeNull();
          else expect(got?.[m.column]).toBeCloseTo(v, 6);
        }
      }
    }
    expect(stored.length).toBe(expected);
    expect(res.items).toBe(expected);
    expect(await getMetricWatermark(db, PROD, REGION)).toBe("2026-11-26T11:00Z");
  });

  it("runs incrementally from the watermark, re-fetching the last 2 hours without duplicating them", async () => {
    const before = await db.selectFrom("metric_hourly").select(["model_id", "hour"]).execute();
    sb.clearCallLog();
    const later = new Date(NOW.getTime() + 3 * H);
    // The sandbox's clock stays at NOW, so the three newest hours do not exist yet there.
    const res = await collectMetrics(db, cw(), {
      account: PROD,
      region: REGION,
      now: later,
      backfillDays: 10,
    });
    expect(gmdCalls()).toBe(1);
    const after = await db.selectFrom("metric_hourly").select(["model_id", "hour"]).execute();
    expect(after.length).toBe(before.length);
    expect(new Set(after.map((r) => `${r.model_id} ${r.hour}`)).size).toBe(after.length);
    expect(res.items).toBe(before.filter((r) => r.hour >= "2026-11-26T10:00Z").length);
    expect(await getMetricWatermark(db, PROD, REGION)).toBe("2026-11-26T14:00Z");
  });

  it("--since re-fetches an older range and replaces those hours in place", async () => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("metric_hourly")
            .select((e) => e.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n,
      );
    const n0 = await count();
    await collectMetrics(db, cw(), {
      account: PROD,
      region: REGION,
      now: NOW,
      backfillDays: 10,
      since: "2026-11-20",
    });
    expect(await getMetricWatermark(db, PROD, REGION)).toBe("2026-11-26T11:00Z");
    expect(await count()).toBe(n0);
  });
});
