import {
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  type MetricDataQuery,
  paginateGetMetricData,
  paginateListMetrics,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { BEDROCK_METRICS, hourSeries } from "../../src/sandbox/org-metrics.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { PROD, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:34:00Z");
const H = 3_600_000;

describe("sandbox CloudWatch through the real SDK client", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  const cw = () => aws.clients(sandboxAccount(PROD), "us-east-1").cloudwatch;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, limits: { listMetricsPage: 40 }, logHours: 1 });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  it("ListMetrics paginates and lists profile ids and the provisioned-model ARN", async () => {
    sb.clearCallLog();
    const metrics = [];
    for await (const page of paginateListMetrics({ client: cw() }, { Namespace: "AWS/Bedrock" }))
      metrics.push(...(page.Metrics ?? []));
    const pages = sb.callLog().filter((c) => c.action === "cloudwatch:ListMetrics").length;
    expect(pages).toBe(Math.ceil(metrics.length / 40));
    expect(pages).toBeGreaterThan(1);
    const ids = new Set(metrics.map((m) => m.Dimensions?.[0]?.Value));
    expect(ids).toContain("global.anthropic.claude-sonnet-4-6");
    expect(ids).toContain("us.amazon.nova-pro-v1:0");
    expect(ids).toContain("arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6");
    const names = new Set(metrics.map((m) => m.MetricName));
    for (const n of [
      "Invocations",
      "InputTokenCount",
      "OutputTokenCount",
      "CacheReadInputTokenCount",
      "CacheWriteInputTokenCount",
      "InvocationLatency",
      "InvocationThrottles",
    ])
      expect(names).toContain(n);
  });

  it("GetMetricData paginates past 100,800 datapoints and every value survives the wire", async () => {
    const ids = sb.state.org.modelIds(PROD, "us-east-1").map((e) => e.modelId);
    const metricNames = [
      "Invocations",
      ...BEDROCK_METRICS.filter((m) => m !== "Invocations" && m !== "InvocationLatency"),
      "InvocationLatency",
    ];
    const queries: MetricDataQuery[] = ids.flatMap((id, i) =>
      metricNames.map((name, j) => ({
        Id: `q${i}_${j}`,
        MetricStat: {
          Metric: {
            Namespace: "AWS/Bedrock",
            MetricName: name,
            Dimensions: [{ Name: "ModelId", Value: id }],
          },
          Period: 3600,
          Stat: name === "InvocationLatency" ? "Average" : "Sum",
        },
      })),
    );
    const start = new Date(Math.floor((NOW.getTime() - 60 * 24 * H) / H) * H);
    sb.clearCallLog();
    const got = new Map<string, { t: number[]; v: number[] }>();
    for await (const page of paginateGetMetricData(
      { client: cw() },
      { MetricDataQueries: queries, StartTime: start, EndTime: NOW, ScanBy: "TimestampAscending" },
    )) {
      for (const r of page.MetricDataResults ?? []) {
        const acc = got.get(r.Id!) ?? { t: [], v: [] };
        acc.t.push(...(r.Timestamps ?? []).map((d) => d.getTime()));
        acc.v.push(...(r.Values ?? []));
        got.set(r.Id!, acc);
      }
    }
    const total = [...got.values()].reduce((a, b) => a + b.v.length, 0);
    expect(total).toBeGreaterThan(100_800);
    expect(sb.callLog().filter((c) => c.action === "cloudwatch:GetMetricData").length).toBe(
      Math.ceil(total / 100_800),
    );
    // Compare with the generator, hour by hour, for Sonnet's global profile.
    const i = ids.indexOf("global.anthropic.claude-sonnet-4-6");
    const series = hourSeries(sb.state.org, PROD, "us-east-1", ids[i])!;
    const inv = got.get(`q${i}_0`)!;
    for (let k = 0; k < inv.t.length; k++) expect(inv.v[k]).toBe(series(inv.t[k])!.Invocations!.sum);
    const lat = got.get(`q${i}_${metricNames.length - 1}`)!;
    const s0 = series(lat.t[0])!.InvocationLatency!;
    expect(lat.v[0]).toBeCloseTo(s0.sum / s0.count, 6);
    expect(inv.t.length).toBe(60 * 24);
  });

  it("StartTime is inclusive, EndTime exclusive, Period aggregates and the default scan is descending", async () => {
    const t0 = Date.UTC(2026, 10, 20, 10);
    const q = (Period: number, Stat: string): MetricDataQuery => ({
      Id: `p${Period}${Stat.toLowerCase()}`,
      MetricStat: {
        Metric: {
          Namespace: "AWS/Bedrock",
          MetricName: "InputTokenCount",
          Dimensions: [{ Name: "ModelId", Value: "amazon.nova-lite-v1:0" }],
        },
        Period,
        Stat,
      },
    });
    const out = await cw().send(
      new GetMetricDataCommand({
        MetricDataQueries: [q(3600, "Sum"), q(10800, "Sum"), q(3600, "SampleCount")],
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 3 * H),
      }),
    );
    const [hourly, whole, count] = out.MetricDataResults!;
    expect(hourly.Timestamps!.map((d) => d.getTime())).toEqual([t0 + 2 * H, t0 + H, t0]);
    expect(whole.Values).toEqual([hourly.Values!.reduce((a, b) => a + b, 0)]);
    const series = hourSeries(sb.state.org, PROD, "us-east-1", "amazon.nova-lite-v1:0")!;
    expect(count.Values![2]).toBe(series(t0)!.InputTokenCount!.count);
  });

  it("rejects more than 500 queries and GetMetricStatistics beyond 1,440 datapoints", async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({
      Id: `m${i}`,
      MetricStat: {
        Metric: { Namespace: "AWS/Bedrock", MetricName: "Invocations" },
        Period: 3600,
        Stat: "Sum",
      },
    }));
    const e1 = await cw()
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: many,
          StartTime: new Date(NOW.getTime() - H),
          EndTime: NOW,
        }),
      )
      .catch((e) => e);
    // The query-compatible error code maps to the modeled exception (awsQueryError trait).
    expect(e1.name).toBe("InvalidParameterValueException");
    const e2 = await cw()
      .send(
        new GetMetricStatisticsCommand({
          Namespace: "AWS/Bedrock",
          MetricName: "Invocations",
          StartTime: new Date(NOW.getTime() - 70 * 24 * H),
          EndTime: NOW,
          Period: 3600,
          Statistics: ["Sum"],
        }),
      )
      .catch((e) => e);
    expect(e2.name).toBe("InvalidParameterCombinationException");
  });

  it("GetMetricStatistics returns Sum/Average/SampleCount per period", async () => {
    const t0 = Date.UTC(2026, 10, 24, 0);
    const out = await cw().send(
      new GetMetricStatisticsCommand({
        Namespace: "AWS/Bedrock",
        MetricName: "OutputTokenCount",
        Dimensions: [{ Name: "ModelId", Value: "us.amazon.nova-pro-v1:0" }],
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 24 * H),
        Period: 86400,
        Statistics: ["Sum", "SampleCount", "Average"],
      }),
    );
    const series = hourSeries(sb.state.org, PROD, "us-east-1", "us.amazon.nova-pro-v1:0")!;
    let sum = 0;
    let count = 0;
    for (let h = t0; h < t0 + 24 * H; h += H) {
      sum += series(h)!.OutputTokenCount!.sum;
      count += series(h)!.OutputTokenCount!.count;
    }
    expect(out.Datapoints).toHaveLength(1);
    expect(out.Datapoints![0]).toMatchObject({ Sum: sum, SampleCount: count, Unit: "Count" });
    expect(out.Datapoints![0].Average).toBeCloseTo(sum / count, 6);
  });
});
