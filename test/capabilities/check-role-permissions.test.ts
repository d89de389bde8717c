import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { READ_ONLY_ACTIONS } from "../../src/aws/read-only.js";
import { checkRolePermissions } from "../../src/capabilities/check-role-permissions.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { CORE_READ_ACTIONS, DANGEROUS_ACTIONS, UNUSED_READ_ACTIONS } from "../../src/onboarding/actions.js";
import { NEEDED_IAM_ACTIONS } from "../../src/sandbox/org-data.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { Db } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { PROD, RESEARCH, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:00:00Z");

describe("check_role_permissions against the sandbox (real IAM/STS/Bedrock/CloudWatch clients)", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  let db: Db;
  const deps = (accounts = [PROD, STAGING, RESEARCH].map((id) => sandboxAccount(id))): Deps => ({
    db,
    config: parseConfig({ accounts }),
    now: () => NOW,
    log: silentLogger,
    aws,
  });
  const run = (d: Deps, accountId?: string) =>
    checkRolePermissions.run(d, checkRolePermissions.inputSchema.parse({ accountId }));

  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 1 });
    db = await memoryDb();
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

  it("simulates on the role's real ARN: prod ok, research caught holding bedrock:InvokeModel", async () => {
    const out = checkRolePermissions.outputSchema.parse(await run(deps()));
    const [prod, staging, research] = out.accounts;
    expect(prod).toMatchObject({ accountId: PROD, assumable: true, method: "simulate", ok: true });
    // The sandbox, like IAM, rejects an assumed-role session ARN: "simulate" proves the role ARN was used.
    expect(prod.roleArn).toBe(`arn:aws:iam::${PROD}:role/BedrockSpendReadOnly`);
    expect(prod.checks.filter((c) => c.expected === "allowed").map((c) => c.action)).toEqual(
      expect.arrayContaining([...CORE_READ_ACTIONS]),
    );
    expect(
      prod.checks
        .filter((c) => c.expected === "denied")
        .map((c) => c.action)
        .sort(),
    ).toEqual([...DANGEROUS_ACTIONS].sort());
    expect(prod.checks.every((c) => c.ok && c.method === "simulate")).toBe(true);

    expect(research.ok).toBe(false);
    const invoke = research.checks.find((c) => c.action === "bedrock:InvokeModel");
    expect(invoke).toMatchObject({ expected: "denied", decision: "allowed", ok: false, method: "simulate" });
    expect(research.checks.filter((c) => !c.ok).map((c) => c.action)).toEqual(["bedrock:InvokeModel"]);
    expect(staging.accountId).toBe(STAGING);
    expect(out.ok).toBe(false);
    expect(checkRolePermissions.summarize(out)).toMatch(/333333333333: wrong: bedrock:InvokeModel/);
  });

  it("falls back to harmless probes where the role may not simulate; dangerous actions stay unknown", async () => {
    sb.clearCallLog();
    const [staging] = (await run(deps(), STAGING)).accounts;
    expect(staging).toMatchObject({ method: "probe", assumable: true, ok: true });
    expect(staging.simulateError?.name).toMatch(/AccessDenied/);
    const reads = staging.checks.filter((c) => CORE_READ_ACTIONS.includes(c.action));
    expect(reads.length).toBe(CORE_READ_ACTIONS.length);
    // The template's reads that no collector sends are checked but not required.
    expect(reads.filter((c) => c.optional).map((c) => c.action)).toEqual([...UNUSED_READ_ACTIONS]);
    expect(reads.every((c) => c.decision === "allowed" && c.method === "probe")).toBe(true);
    expect(staging.checks.find((c) => c.action === "iam:SimulatePrincipalPolicy")).toMatchObject({
      decision: "denied",
      optional: true,
      ok: false,
    });
    expect(staging.unverified.sort()).toEqual([...DANGEROUS_ACTIONS].sort());
    expect(staging.checks.filter((c) => c.expected === "denied").every((c) => c.method === "none")).toBe(
      true,
    );
    // Nothing but allow-listed reads reached AWS as staging, and every read action was really probed.
    const sent = sb.callLog().filter((c) => c.account === STAGING);
    expect(sent.every((c) => READ_ONLY_ACTIONS.has(c.action))).toBe(true);
    expect(new Set(sent.map((c) => c.action))).toEqual(
      new Set([
        "iam:GetRole",
        "iam:SimulatePrincipalPolicy",
        "bedrock:ListFoundationModels",
        "bedrock:ListProvisionedModelThroughputs",
        "bedrock:ListInferenceProfiles",
        "bedrock:ListTagsForResource",
        "bedrock:GetFoundationModel",
        "bedrock:GetProvisionedModelThroughput",
        "bedrock:GetModelInvocationLoggingConfiguration",
        "cloudwatch:ListMetrics",
        "cloudwatch:GetMetricData",
        "cloudwatch:GetMetricStatistics",
        "cloudwatch:DescribeAlarms",
      ]),
    );
  });

  it("a probe that AWS denies marks exactly that action denied", async () => {
    sb.setFaults({ accessDenied: [{ account: STAGING, action: "cloudwatch:GetMetricData" }] });
    const [staging] = (await run(deps(), STAGING)).accounts;
    expect(staging.ok).toBe(false);
    expect(staging.checks.filter((c) => !c.ok && !c.optional && c.expected === "allowed")).toEqual([
      expect.objectContaining({ action: "cloudwatch:GetMetricData", decision: "denied", method: "probe" }),
    ]);
  });

  it("a role policy without cloudwatch:GetMetricData fails simulation for that action only", async () => {
    const role = sb.state.org.roles.find((r) => r.account === PROD);
    if (!role) throw new Error("no prod role");
    role.allow = role.allow.filter((a) => a !== "cloudwatch:GetMetricData");
    const [prod] = (await run(deps(), PROD)).accounts;
    expect(prod.ok).toBe(false);
    expect(prod.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ action: "cloudwatch:GetMetricData", decision: "denied", method: "simulate" }),
    ]);
  });

  it("checks scoped S3 reads on the configured buckets", async () => {
    const prod = sandboxAccount(PROD, {
      invocationLogs: { s3: { bucket: "logs-bucket", prefix: "bedrock/" } },
    });
    const [out] = (await run(deps([prod]))).accounts;
    expect(out.checks.find((c) => c.action === "s3:GetObject")).toMatchObject({
      resource: "arn:aws:s3:::logs-bucket/bedrock/*",
      decision: "allowed",
    });
  });

  it("a wrong ExternalId makes the account not assumable, with the trust-policy fix", async () => {
    sb.setFaults({ wrongExternalId: [PROD] });
    const [prod] = (await run(deps(), PROD)).accounts;
    expect(prod).toMatchObject({ assumable: false, ok: false, method: "none", checks: [] });
    expect(prod.error?.fix).toMatch(/sts:ExternalId/);
  });

  it("names an account that is not configured", async () => {
    await expect(run(deps(), "444444444444")).rejects.toThrow(/account 444444444444 is not in the config/);
  });
});
