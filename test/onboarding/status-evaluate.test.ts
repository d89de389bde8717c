import { describe, expect, it } from "vitest";
import type { AccountPermissions, PermissionCheck } from "../../src/onboarding/permissions/types.js";
import { evaluateAccount, stepsOk } from "../../src/onboarding/status/evaluate.js";
import type { AccountFacts, CurFacts, RegionFacts, RunFacts } from "../../src/onboarding/status/types.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const ROLE = "arn:aws:iam::111111111111:role/BedrockSpendReadOnly";
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const check = (
  action: string,
  expected: "allowed" | "denied",
  decision: PermissionCheck["decision"],
  o: Partial<PermissionCheck> = {},
): PermissionCheck => ({
  action,
  expected,
  decision,
  method: "simulate",
  ok: expected === "allowed" ? decision === "allowed" : decision === "denied",
  optional: false,
  resource: null,
  detail: null,
  ...o,
});
const perms = (checks: PermissionCheck[], o: Partial<AccountPermissions> = {}): AccountPermissions => ({
  accountId: "111111111111",
  roleArn: ROLE,
  assumable: true,
  method: "simulate",
  simulateError: null,
  assumeError: null,
  checks,
  unverified: [],
  ok: true,
  ...o,
});
const region = (o: Partial<RegionFacts> = {}): RegionFacts => ({
  region: "us-east-1",
  metrics: { ok: true, count: 40 },
  metricData: { ok: true },
  metricsRun: null,
  logging: {
    ok: true,
    config: { s3: { bucket: "logs", prefix: "bedrock/" }, text: false, image: false, embedding: false },
  },
  logsRead: { ok: true, where: "s3://logs/bedrock/" },
  spendUsd: 120,
  billedModels: ["Nova Pro"],
  metricTokens: 5000,
  metricModels: ["Nova Pro"],
  metricsCollected: true,
  ...o,
});
const run = (o: Partial<RunFacts> = {}): RunFacts => ({
  source: "metrics",
  region: "us-east-1",
  status: "ok",
  lastOkAt: hoursAgo(1),
  errorName: null,
  error: null,
  fix: null,
  ...o,
});
const cur = (o: Partial<CurFacts> = {}): CurFacts => ({
  source: "s3://cur/exports/x",
  listing: { ok: true, dataFiles: 12, newestAt: hoursAgo(10) },
  period: { period: "2026-11", hasIamPrincipal: true, refreshedAt: hoursAgo(10) },
  taggedShare: 0.4,
  missingBudgetTags: [],
  ...o,
});
const facts = (o: Partial<AccountFacts> = {}): AccountFacts => ({
  account: {
    id: "111111111111",
    name: "prod",
    roleArn: ROLE,
    externalId: "ext-1",
    regions: ["us-east-1"],
    invocationLogs: { s3: { bucket: "logs", prefix: "bedrock/" } },
  },
  index: 0,
  assumeError: null,
  permissions: perms([
    check("cloudwatch:GetMetricData", "allowed", "allowed"),
    check("bedrock:InvokeModel", "denied", "denied"),
  ]),
  regions: [region()],
  unconfiguredRegions: [],
  runs: [run()],
  cur: cur(),
  ...o,
});
const step = (f: AccountFacts, id: string, r?: string) =>
  evaluateAccount(f, NOW).find((s) => s.id === id && (r === undefined || s.region === r));

describe("onboarding step evaluation (pure)", () => {
  it("all good: every step ok, fixes null", () => {
    const steps = evaluateAccount(facts(), NOW);
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ["role_assumable", "ok"],
      ["permissions", "ok"],
      ["cloudwatch_metrics", "ok"],
      ["invocation_logging", "ok"],
      ["content_logging", "ok"],
      ["cur_export", "ok"],
      ["cur_iam_principal", "ok"],
      ["cur_tags", "ok"],
      ["collection_fresh", "ok"],
    ]);
    expect(steps.every((s) => s.fix === null)).toBe(true);
    expect(stepsOk(steps)).toBe(true);
  });

  it("AssumeRole denied (trust or ExternalId): role_assumable error naming the trust policy, live steps skipped", () => {
    const f = facts({
      assumeError: { name: "AccessDenied", message: "cannot assume", fix: "" },
      permissions: null,
    });
    const steps = evaluateAccount(f, NOW);
    expect(steps[0]).toMatchObject({ id: "role_assumable", status: "error" });
    expect(steps[0].fix).toMatch(/trust policy.*sts:ExternalId.*externalId/);
    expect(steps.some((s) => s.id === "cloudwatch_metrics")).toBe(false);
    expect(stepsOk(steps)).toBe(false);
  });

  it("a missing read action is a permissions error naming it; an allowed invoke too", () => {
    const f = facts({
      permissions: perms([
        check("cloudwatch:GetMetricData", "allowed", "denied"),
        check("bedrock:InvokeModel", "denied", "allowed"),
      ]),
    });
    const s = step(f, "permissions");
    expect(s?.status).toBe("error");
    expect(s?.detail).toMatch(/missing cloudwatch:GetMetricData; must not hold bedrock:InvokeModel/);
    expect(s?.fix).toMatch(
      /add cloudwatch:GetMetricData to .*BedrockSpendReadOnly.*cfn-template.*remove bedrock:InvokeModel/,
    );
  });

  it("probing (no simulate) is a warning that lists the unverified actions", () => {
    const f = facts({
      permissions: perms(
        [
          check("cloudwatch:GetMetricData", "allowed", "allowed", { method: "probe" }),
          check("bedrock:InvokeModel", "denied", "unknown", { method: "none" }),
        ],
        { method: "probe", unverified: ["bedrock:InvokeModel"] },
      ),
    });
    const s = step(f, "permissions");
    expect(s).toMatchObject({ status: "warning" });
    expect(s?.detail).toMatch(/probed.*bedrock:InvokeModel/);
    expect(s?.fix).toMatch(/iam:SimulatePrincipalPolicy/);
  });

  it("Access Denied on CloudWatch names the actions to allow", () => {
    const f = facts({
      regions: [
        region({
          metrics: {
            ok: false,
            error: { name: "AccessDenied", message: "role lacks cloudwatch:ListMetrics", fix: "" },
          },
        }),
      ],
    });
    expect(step(f, "cloudwatch_metrics")?.fix).toMatch(
      /allow cloudwatch:ListMetrics and cloudwatch:GetMetricData \(the two calls metrics collection sends\) on arn:aws:iam::111111111111:role\/BedrockSpendReadOnly/,
    );
  });

  it("GetMetricData denied is an error even when ListMetrics works; throttled is only a warning", () => {
    const denied = {
      name: "AccessDenied",
      message: "not authorized to perform: cloudwatch:GetMetricData",
      fix: "",
    };
    const s = step(
      facts({ regions: [region({ metricData: { ok: false, error: denied } })] }),
      "cloudwatch_metrics",
    );
    expect(s).toMatchObject({ status: "error" });
    expect(s?.detail).toBe(
      "cloudwatch:GetMetricData denied in us-east-1: not authorized to perform: cloudwatch:GetMetricData",
    );
    expect(s?.fix).toMatch(/cloudwatch:GetMetricData/);
    const slow = { name: "Throttling", message: "Rate exceeded", fix: "retry later" };
    expect(
      step(facts({ regions: [region({ metricData: { ok: false, error: slow } })] }), "cloudwatch_metrics"),
    ).toMatchObject({ status: "warning", fix: "retry later" });
  });

  it("the last metrics collection for the account-region failed: error with the fix, even if the probe passes", () => {
    const failed = run({
      status: "failed",
      errorName: "AccessDenied",
      error: "lacks cloudwatch:GetMetricData",
      lastOkAt: null,
    });
    const s = step(facts({ regions: [region({ metricsRun: failed })] }), "cloudwatch_metrics");
    expect(s).toMatchObject({ status: "error" });
    expect(s?.detail).toBe(
      "the last metrics collection in us-east-1 failed (AccessDenied: lacks cloudwatch:GetMetricData); last success never",
    );
    expect(s?.fix).toMatch(/then run `bedrock-spend collect --source metrics`/);
    const ok = step(facts({ regions: [region({ metricsRun: run() })] }), "cloudwatch_metrics");
    expect(ok?.status).toBe("ok");
  });

  it("no metrics where spend is billed is an error; none and no spend is missing", () => {
    expect(
      step(facts({ regions: [region({ metrics: { ok: true, count: 0 } })] }), "cloudwatch_metrics")?.status,
    ).toBe("error");
    expect(
      step(
        facts({ regions: [region({ metrics: { ok: true, count: 0 }, spendUsd: 0 })] }),
        "cloudwatch_metrics",
      )?.status,
    ).toBe("missing");
  });

  it("metrics with zero tokens and partial model data are warnings with their fixes", () => {
    const zero = step(
      facts({ regions: [region({ metricTokens: 0, metricModels: [] })] }),
      "cloudwatch_metrics",
    );
    expect(zero).toMatchObject({ status: "warning" });
    expect(zero?.fix).toMatch(/metrics show zero tokens/);
    const partial = step(
      facts({ regions: [region({ billedModels: ["Nova Pro", "Claude Sonnet 4.6"] })] }),
      "cloudwatch_metrics",
    );
    expect(partial?.detail).toMatch(/partial model data: the CUR bills Claude Sonnet 4.6/);
    // Not collected yet: no claim about tokens.
    expect(
      step(facts({ regions: [region({ metricTokens: 0, metricsCollected: false })] }), "cloudwatch_metrics")
        ?.status,
    ).toBe("ok");
  });

  it("a billed region missing from the config is a warning naming it", () => {
    const s = step(
      facts({ unconfiguredRegions: [{ region: "eu-west-1", costUsd: 42.5 }] }),
      "cloudwatch_metrics",
      "eu-west-1",
    );
    expect(s).toMatchObject({ status: "warning" });
    expect(s?.detail).toMatch(/\$42\.50.*eu-west-1 is not configured/);
    expect(s?.fix).toMatch(/add eu-west-1 to accounts\[0\]\.regions/);
  });

  it("logging: off → missing; unreadable → error; text delivery → privacy warning with the exact CLI fix", () => {
    expect(
      step(
        facts({ regions: [region({ logging: { ok: true, config: null }, logsRead: null })] }),
        "invocation_logging",
      )?.status,
    ).toBe("missing");
    const unreadable = step(
      facts({
        regions: [
          region({ logsRead: { ok: false, error: { name: "AccessDenied", message: "denied", fix: "" } } }),
        ],
      }),
      "invocation_logging",
    );
    expect(unreadable?.status).toBe("error");
    expect(unreadable?.fix).toMatch(/logs enabled but unreadable.*--logs-bucket/);
    const cfg = {
      s3: { bucket: "logs", prefix: "bedrock/" },
      logGroup: "/aws/bedrock/x",
      logRoleArn: "arn:aws:iam::111111111111:role/L",
      text: true,
      image: false,
      embedding: false,
    };
    const content = step(
      facts({ regions: [region({ logging: { ok: true, config: cfg } })] }),
      "content_logging",
    );
    expect(content?.status).toBe("warning");
    expect(content?.fix).toBe(
      `aws bedrock put-model-invocation-logging-configuration --region us-east-1 --logging-config '{"s3Config":{"bucketName":"logs","keyPrefix":"bedrock/"},"cloudWatchConfig":{"logGroupName":"/aws/bedrock/x","roleArn":"arn:aws:iam::111111111111:role/L"},"textDataDeliveryEnabled":false,"imageDataDeliveryEnabled":false,"embeddingDataDeliveryEnabled":false}'`,
    );
    const unlisted = step(
      facts({ account: { ...facts().account, invocationLogs: undefined } }),
      "invocation_logging",
    );
    expect(unlisted?.fix).toMatch(/add invocationLogs \(s3: \{ bucket, prefix \}\) to accounts\[0\]/);
  });

  it("CUR: not configured, no data yet, stale, denied, no IAM principal, tags not appearing", () => {
    expect(step(facts({ cur: cur({ source: null }) }), "cur_export")?.fix).toMatch(/Data Exports → Create/);
    const empty = step(
      facts({ cur: cur({ listing: { ok: true, dataFiles: 0, newestAt: null }, period: null }) }),
      "cur_export",
    );
    expect(empty).toMatchObject({ status: "missing" });
    expect(empty?.fix).toMatch(/no CUR data yet/);
    expect(
      step(facts({ cur: cur({ listing: { ok: true, dataFiles: 3, newestAt: hoursAgo(49) } }) }), "cur_export")
        ?.status,
    ).toBe("warning");
    expect(
      step(facts({ cur: cur({ listing: { ok: true, dataFiles: 3, newestAt: hoursAgo(47) } }) }), "cur_export")
        ?.status,
    ).toBe("ok");
    expect(
      step(
        facts({
          cur: cur({ listing: { ok: false, error: { name: "AccessDenied", message: "x", fix: "" } } }),
        }),
        "cur_export",
      )?.fix,
    ).toMatch(/s3:ListBucket and s3:GetObject/);
    const np = step(
      facts({ cur: cur({ period: { period: "2026-11", hasIamPrincipal: false, refreshedAt: null } }) }),
      "cur_iam_principal",
    );
    expect(np?.status).toBe("warning");
    expect(np?.fix).toMatch(/Include caller identity \(IAM principal\)/);
    expect(step(facts({ cur: cur({ period: null }) }), "cur_iam_principal")?.status).toBe("missing");
    const tags = step(facts({ cur: cur({ missingBudgetTags: ["team"] }) }), "cur_tags");
    expect(tags?.fix).toMatch(/cost-allocation tags not appearing \(team\).*Cost allocation tags/);
    expect(step(facts({ cur: cur({ taggedShare: 0 }) }), "cur_tags")?.status).toBe("warning");
  });

  it("collection: never → missing; failed → error with the unit's fix; stale > 24 h → warning", () => {
    expect(
      step(facts({ runs: [run({ status: "never", lastOkAt: null })] }), "collection_fresh")?.status,
    ).toBe("missing");
    const failed = step(
      facts({
        runs: [
          run(),
          run({
            source: "logs",
            status: "failed",
            errorName: "AccessDenied",
            error: "lacks s3:GetObject",
            fix: "add s3:GetObject",
          }),
        ],
      }),
      "collection_fresh",
    );
    expect(failed).toMatchObject({ status: "error", fix: "add s3:GetObject" });
    expect(failed?.detail).toMatch(/logs us-east-1: last run failed \(AccessDenied/);
    expect(step(facts({ runs: [run({ lastOkAt: hoursAgo(25) })] }), "collection_fresh")?.status).toBe(
      "warning",
    );
    expect(step(facts({ runs: [run({ lastOkAt: hoursAgo(23) })] }), "collection_fresh")?.status).toBe("ok");
  });
});
