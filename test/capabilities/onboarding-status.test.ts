import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { type OnboardingStatus, onboardingStatus } from "../../src/capabilities/onboarding-status.js";
import type { Deps } from "../../src/capabilities/types.js";
import { type AccountConfig, parseConfig } from "../../src/config.js";
import { NEEDED_IAM_ACTIONS } from "../../src/sandbox/org-data.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { Db } from "../../src/store/db.js";
import { insertCollectionRun } from "../../src/store/queries/collection-run.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";
import { billed } from "../helpers/spend-rows.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const CUR = "s3://payer-cur/cur/bedrock-export";

/** A CUR export in the sandbox's S3: one data file refreshed 10 hours before NOW. */
function writeExport(dataDir: string) {
  const dir = join(dataDir, "payer-cur", "cur", "bedrock-export", "data", "BILLING_PERIOD=2026-11");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "part-00000.snappy.parquet");
  writeFileSync(file, "PAR1-not-read-by-the-doctor");
  utimesSync(file, hoursAgo(10), hoursAgo(10));
}

async function seedStore(db: Db) {
  await db
    .insertInto("cost_daily")
    .values([
      billed({ day: "2026-11-20", cost_usd: 100, model: "Nova Pro", region: "us-east-1" }),
      billed({ day: "2026-11-21", cost_usd: 42.5, model: "Nova Pro", region: "eu-west-1" }),
      billed({ day: "2026-11-21", cost_usd: 7, model: "Claude Haiku 4.5", region: "us-east-1" }),
    ])
    .execute();
  const zero = {
    invocations: 3,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    latency_avg_ms: null,
  };
  const errs = { throttles: 0, client_errors: 0, server_errors: 0 };
  await db
    .insertInto("metric_hourly")
    .values([
      {
        account: PROD,
        region: "us-east-1",
        model_id: "us.amazon.nova-pro-v1:0",
        hour: "2026-11-25T10:00Z",
        input_tokens: 900,
        ...zero,
        ...errs,
      },
      {
        account: PROD,
        region: "us-west-2",
        model_id: "amazon.nova-pro-v1:0",
        hour: "2026-11-25T10:00Z",
        input_tokens: 0,
        ...zero,
        ...errs,
      },
    ])
    .execute();
  await db
    .insertInto("cur_period")
    .values({
      period: "2026-11",
      source: CUR,
      fingerprint: "f",
      ingest_id: 1,
      last_usage_day: "2026-11-25",
      refreshed_at: hoursAgo(10).toISOString(),
      has_iam_principal: 0,
      ingested_at: hoursAgo(9).toISOString(),
    })
    .execute();
  const unit = { run_id: "r1", items: 1, api_calls: 1, metrics_requested: 0, duration_ms: 5 };
  await insertCollectionRun(db, {
    ...unit,
    source: "metrics",
    account: PROD,
    region: "us-east-1",
    status: "ok",
    error_name: null,
    error: null,
    fix: null,
    started_at: hoursAgo(2).toISOString(),
    finished_at: hoursAgo(2).toISOString(),
  });
  await insertCollectionRun(db, {
    ...unit,
    source: "metrics",
    account: PROD,
    region: "us-west-2",
    status: "failed",
    error_name: "AccessDenied",
    error: "role lacks cloudwatch:GetMetricData",
    fix: "add cloudwatch:GetMetricData to the read-only policy",
    started_at: hoursAgo(1).toISOString(),
    finished_at: hoursAgo(1).toISOString(),
  });
}

describe("onboarding_status against the sandbox (real SDK clients, real store)", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  let db: Db;
  const prod = () =>
    sandboxAccount(PROD, {
      invocationLogs: { s3: { bucket: `sandbox-bedrock-logs-${PROD}-us-east-1`, prefix: "bedrock-logs" } },
    });
  const deps = (
    accounts: AccountConfig[] = [prod(), sandboxAccount(STAGING), sandboxAccount(RESEARCH)],
  ): Deps => ({
    db,
    config: parseConfig({ accounts, cur: { source: CUR, account: PROD } }),
    now: () => NOW,
    log: silentLogger,
    aws,
  });
  const run = async (d: Deps, accountId?: string) =>
    onboardingStatus.outputSchema.parse(
      await onboardingStatus.run(d, onboardingStatus.inputSchema.parse({ accountId })),
    ) as OnboardingStatus;
  const step = (out: OnboardingStatus, account: string, id: string, region?: string) =>
    out.accounts
      .find((a) => a.accountId === account)
      ?.steps.find((s) => s.id === id && (region === undefined || s.region === region));

  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 1 });
    writeExport(sb.dataDir);
    db = await memoryDb();
    await seedStore(db);
  });
  beforeEach(() => {
    aws?.close();
    aws = sandboxAccess(sb, 1);
    sb.setFaults({});
    for (const r of sb.state.org.roles) if (r.account === PROD) r.allow = [...NEEDED_IAM_ACTIONS];
  });
  afterAll(async () => {
    aws.close();
    await db.destroy();
    await sb.close();
  });

  it("reports every step of the sandbox org with its fix", async () => {
    const out = await run(deps());
    expect(out.ok).toBe(false);
    expect(step(out, PROD, "role_assumable")?.status).toBe("ok");
    expect(step(out, PROD, "permissions")?.status).toBe("ok");
    // Content logging on in prod us-east-1: a privacy warning whose fix is the exact CLI call.
    const content = step(out, PROD, "content_logging", "us-east-1");
    expect(content?.status).toBe("warning");
    expect(content?.fix).toMatch(
      /^aws bedrock put-model-invocation-logging-configuration --region us-east-1 --logging-config '/,
    );
    const cfg = JSON.parse(content?.fix?.split("--logging-config ")[1].slice(1, -1) ?? "{}");
    expect(cfg).toMatchObject({
      s3Config: { bucketName: `sandbox-bedrock-logs-${PROD}-us-east-1`, keyPrefix: "bedrock-logs" },
      cloudWatchConfig: {
        logGroupName: "/aws/bedrock/modelinvocations",
        roleArn: `arn:aws:iam::${PROD}:role/BedrockLoggingRole`,
      },
      textDataDeliveryEnabled: false,
    });
    expect(step(out, PROD, "content_logging", "us-west-2")?.status).toBe("ok");
    expect(step(out, PROD, "invocation_logging", "us-east-1")?.status).toBe("ok");
    // Billed in eu-west-1, which prod does not configure.
    const eu = step(out, PROD, "cloudwatch_metrics", "eu-west-1");
    expect(eu).toMatchObject({ status: "warning" });
    expect(eu?.detail).toMatch(/\$42\.50 .*eu-west-1 is not configured/);
    // Metrics collected for Nova Pro but not for Claude Haiku 4.5, which the CUR bills there.
    const partial = step(out, PROD, "cloudwatch_metrics", "us-east-1");
    expect(partial?.status).toBe("warning");
    expect(partial?.detail).toMatch(/partial model data: the CUR bills Claude Haiku 4\.5 in us-east-1/);
    // GetMetricData works again, but the last metrics run there failed: still an error, with the fix.
    const west = step(out, PROD, "cloudwatch_metrics", "us-west-2");
    expect(west?.status).toBe("error");
    expect(west?.detail).toMatch(
      /the last metrics collection in us-west-2 failed \(AccessDenied: role lacks cloudwatch:GetMetricData\)/,
    );
    expect(west?.fix).toMatch(
      /allow cloudwatch:ListMetrics and cloudwatch:GetMetricData .*; then run `bedrock-spend collect --source metrics`/,
    );
    expect(step(out, PROD, "cur_export")).toMatchObject({
      status: "ok",
      detail: "1 data files, last refreshed 10 h ago",
    });
    expect(step(out, PROD, "cur_iam_principal")?.status).toBe("warning");
    const fresh = step(out, PROD, "collection_fresh");
    expect(fresh?.status).toBe("error");
    expect(fresh?.detail).toMatch(/metrics us-west-2: last run failed \(AccessDenied/);
    expect(fresh?.fix).toMatch(/add cloudwatch:GetMetricData/);
    // Staging may not simulate: probing is used and said so.
    expect(step(out, STAGING, "permissions")).toMatchObject({ status: "warning" });
    expect(step(out, STAGING, "permissions")?.detail).toMatch(/probed/);
    expect(step(out, STAGING, "invocation_logging", "us-east-1")?.status).toBe("warning"); // log group not in config
    // Research holds bedrock:InvokeModel; its EU region has logging off.
    expect(step(out, RESEARCH, "permissions")?.status).toBe("error");
    expect(step(out, RESEARCH, "permissions")?.fix).toMatch(/remove bedrock:InvokeModel/);
    expect(step(out, RESEARCH, "invocation_logging", "eu-central-1")?.status).toBe("missing");
    expect(step(out, RESEARCH, "cur_export")).toBeUndefined();
    for (const s of out.accounts.flatMap((a) => a.steps))
      expect(s.status === "ok" ? s.fix === null : Boolean(s.fix)).toBe(true);
  });

  it("a role missing cloudwatch:GetMetricData: permissions error naming the action and the fix", async () => {
    const role = sb.state.org.roles.find((r) => r.account === PROD);
    if (!role) throw new Error("no prod role");
    role.allow = role.allow.filter((a) => a !== "cloudwatch:GetMetricData");
    const s = step(await run(deps(), PROD), PROD, "permissions");
    expect(s?.status).toBe("error");
    expect(s?.detail).toMatch(/missing cloudwatch:GetMetricData \(simulated\)/);
    expect(s?.fix).toMatch(
      /add cloudwatch:GetMetricData to arn:aws:iam::111111111111:role\/BedrockSpendReadOnly/,
    );
  });

  it("a wrong ExternalId: role_assumable error with the trust-policy fix", async () => {
    sb.setFaults({ wrongExternalId: [STAGING] });
    const out = await run(deps(), STAGING);
    const s = step(out, STAGING, "role_assumable");
    expect(s?.status).toBe("error");
    expect(s?.fix).toMatch(/trust policy.*sts:ExternalId equal to accounts\[\]\.externalId/);
    expect(out.ok).toBe(false);
  });

  it("logs enabled but unreadable (GetObject, as the collector reads them), and Access Denied on CloudWatch", async () => {
    sb.setFaults({
      accessDenied: [
        { account: PROD, action: "s3:GetObject" },
        { account: PROD, action: "cloudwatch:ListMetrics" },
      ],
    });
    const out = await run(deps(), PROD);
    const logs = step(out, PROD, "invocation_logging", "us-west-2");
    expect(logs?.status).toBe("error");
    expect(logs?.fix).toMatch(/logs enabled but unreadable/);
    const metrics = step(out, PROD, "cloudwatch_metrics", "us-east-1");
    expect(metrics?.status).toBe("error");
    expect(metrics?.detail).toMatch(/^cloudwatch:ListMetrics denied in us-east-1/);
    expect(metrics?.fix).toMatch(/allow cloudwatch:ListMetrics and cloudwatch:GetMetricData/);
    // The CUR is listed AND read (its manifest), as ingestion does: listing alone would pass.
    const cur = step(out, PROD, "cur_export");
    expect(cur?.status).toBe("error");
    expect(cur?.fix).toMatch(/s3:ListBucket and s3:GetObject on s3:\/\//);
  });

  it("ListMetrics allowed but GetMetricData denied: cloudwatch_metrics is an error naming GetMetricData", async () => {
    sb.setFaults({ accessDenied: [{ account: PROD, action: "cloudwatch:GetMetricData" }] });
    sb.clearCallLog();
    const out = await run(deps(), PROD);
    const metrics = step(out, PROD, "cloudwatch_metrics", "us-east-1");
    expect(metrics?.status).toBe("error");
    expect(metrics?.detail).toMatch(/^cloudwatch:GetMetricData denied in us-east-1/);
    expect(metrics?.fix).toMatch(
      /cloudwatch:GetMetricData .* on arn:aws:iam::111111111111:role\/BedrockSpendReadOnly/,
    );
    // The probe is the collector's own call: one ModelId metric, hourly Sum.
    expect(
      sb.callLog().filter((c) => c.action === "cloudwatch:GetMetricData" && c.account === PROD).length,
    ).toBeGreaterThan(0);
  });
});
