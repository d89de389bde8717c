import { GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRolePermissions } from "../../src/capabilities/check-role-permissions.js";
import { onboardingStatus } from "../../src/capabilities/onboarding-status.js";
import { parseConfig } from "../../src/config.js";
import { buildOrg } from "../../src/sandbox/org-data.js";
import { invocationRecords } from "../../src/sandbox/org-logs.js";
import { HOUR_MS, hourSeries } from "../../src/sandbox/org-metrics.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import {
  DEMO_LOG_COVERAGE_MAX,
  DEMO_METRICS_DENIED,
  DEMO_RUNAWAY,
  runawayHours,
} from "../../src/synthetic/scenario.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const DAY = 24 * HOUR_MS;
const onCall = buildOrg({ now: NOW, scenario: "on-call" });
const plain = buildOrg({ now: NOW });

/** Input tokens of one model (all its ModelIds) in one account/region in one hour. */
function hourInput(org: typeof plain, account: string, region: string, model: string, hourMs: number) {
  let sum = 0;
  for (const e of org.modelIds(account, region).filter((x) => x.model?.model === model))
    sum += hourSeries(org, account, region, e.modelId)?.(hourMs)?.InputTokenCount?.sum ?? 0;
  return sum;
}

describe("the on-call scenario of the synthetic org", () => {
  it("the runaway multiplies one model in one account and region ×10 for four hours today, nothing else", () => {
    const hours = runawayHours(NOW);
    expect(hours).toEqual([
      "2026-11-26T07:00Z",
      "2026-11-26T08:00Z",
      "2026-11-26T09:00Z",
      "2026-11-26T10:00Z",
    ]);
    const { account, region, model, factor } = DEMO_RUNAWAY;
    for (const h of hours) {
      const at = Date.parse(h.replace("Z", ":00Z"));
      expect(
        hourInput(onCall, account, region, model, at) / hourInput(plain, account, region, model, at),
      ).toBeCloseTo(factor, 4);
      // Other regions, accounts and models are untouched.
      expect(hourInput(onCall, account, "us-west-2", model, at)).toBe(
        hourInput(plain, account, "us-west-2", model, at),
      );
      expect(hourInput(onCall, RESEARCH, region, model, at)).toBe(
        hourInput(plain, RESEARCH, region, model, at),
      );
      expect(hourInput(onCall, account, region, "Nova Pro", at)).toBe(
        hourInput(plain, account, region, "Nova Pro", at),
      );
    }
    const before = Date.parse("2026-11-26T06:00:00Z");
    const after = Date.parse("2026-11-26T11:00:00Z");
    for (const at of [before, after, before - DAY + 3 * HOUR_MS])
      expect(hourInput(onCall, account, region, model, at)).toBe(
        hourInput(plain, account, region, model, at),
      );
  });

  it("invocation logs sample at most 20 % of the requests in every logged account/region and hour", () => {
    let worst = 0;
    for (const a of onCall.accounts) {
      for (const region of a.regions) {
        const records = invocationRecords(onCall, a.id, region, 24);
        if (!records.length) continue;
        const byHour = new Map<number, number>();
        for (const r of records) {
          const h = Math.floor(Date.parse(r.timestamp) / HOUR_MS) * HOUR_MS;
          byHour.set(h, (byHour.get(h) ?? 0) + 1);
        }
        for (const [h, n] of byHour) {
          const calls = onCall
            .modelIds(a.id, region)
            .reduce(
              (s, e) => s + (hourSeries(onCall, a.id, region, e.modelId)?.(h)?.Invocations?.sum ?? 0),
              0,
            );
          worst = Math.max(worst, n / calls);
        }
      }
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(DEMO_LOG_COVERAGE_MAX);
  });

  it("only the on-call scenario takes GetMetricData from one role", () => {
    const allows = (org: typeof plain, account: string) =>
      org.roles.find((r) => r.account === account)?.allow.includes(DEMO_METRICS_DENIED.action);
    expect(allows(onCall, DEMO_METRICS_DENIED.account)).toBe(false);
    expect(allows(onCall, PROD)).toBe(true);
    expect(allows(onCall, RESEARCH)).toBe(true);
    expect(allows(plain, DEMO_METRICS_DENIED.account)).toBe(true);
    expect(plain.runaway).toBeNull();
  });
});

describe("the on-call scenario through the real SDK", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 1, scenario: "on-call" });
  });
  afterAll(() => sb.close());

  it("staging lists its metrics but GetMetricData is AccessDenied; check_role_permissions says denied", async () => {
    const aws = sandboxAccess(sb, 1);
    const cw = aws.clients(sandboxAccount(STAGING), "us-east-1").cloudwatch;
    const listed = await cw.send(new ListMetricsCommand({ Namespace: "AWS/Bedrock" }));
    expect(listed.Metrics?.length).toBeGreaterThan(0);
    const query = {
      StartTime: new Date(NOW.getTime() - 3 * HOUR_MS),
      EndTime: NOW,
      MetricDataQueries: [
        {
          Id: "q",
          MetricStat: {
            Metric: {
              Namespace: "AWS/Bedrock",
              MetricName: "InputTokenCount",
              Dimensions: listed.Metrics?.[0].Dimensions,
            },
            Period: 3600,
            Stat: "Sum",
          },
        },
      ],
    };
    await expect(cw.send(new GetMetricDataCommand(query))).rejects.toMatchObject({ name: "AccessDenied" });
    const prodCw = aws.clients(sandboxAccount(PROD), "us-east-1").cloudwatch;
    await expect(prodCw.send(new GetMetricDataCommand(query))).resolves.toBeDefined();

    const db = await memoryDb();
    const deps = {
      db,
      config: parseConfig({ accounts: [PROD, STAGING].map((id) => sandboxAccount(id)) }),
      now: () => NOW,
      log: silentLogger,
      aws,
    };
    const out = await checkRolePermissions.run(deps, checkRolePermissions.inputSchema.parse({}));
    const [prod, staging] = out.accounts;
    expect(prod.ok).toBe(true);
    expect(staging.ok).toBe(false);
    expect(staging.checks.find((c) => c.action === DEMO_METRICS_DENIED.action)).toMatchObject({
      decision: "denied",
      ok: false,
    });

    // onboarding_status: cloudwatch_metrics is an error with the fix, for staging's one region.
    const status = await onboardingStatus.run(
      deps,
      onboardingStatus.inputSchema.parse({ accountId: STAGING }),
    );
    const steps = status.accounts[0].steps;
    const metrics = steps.filter((s) => s.id === "cloudwatch_metrics");
    expect(metrics.map((s) => [s.region, s.status])).toEqual([["us-east-1", "error"]]);
    expect(metrics[0].detail).toMatch(/^cloudwatch:GetMetricData denied in us-east-1/);
    expect(metrics[0].fix).toMatch(
      /cloudwatch:GetMetricData .*arn:aws:iam::222222222222:role\/BedrockSpendReadOnly/,
    );
    expect(steps.find((s) => s.id === "permissions")?.detail).toMatch(
      /missing cloudwatch:GetMetricData \(probed/,
    );
    await db.destroy();
    aws.close();
  });
});
