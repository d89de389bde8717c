import { createServer } from "node:net";
import { ListFoundationModelsCommand } from "@aws-sdk/client-bedrock";
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetProductsCommand } from "@aws-sdk/client-pricing";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import { REFRESH_MARGIN_MS } from "../../src/aws/credentials.js";
import { describeAwsError } from "../../src/aws/errors.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { silentLogger } from "../../src/util/log.js";
import { PROD, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const prod = sandboxAccount(PROD);

describe("retries and error descriptions against the sandbox", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z"), logHours: 1 });
  });
  afterAll(() => sb.close());
  beforeEach(() => {
    sb.setFaults({});
    sb.clearCallLog();
  });

  it("throttling with each protocol's real code is retried until it succeeds", async () => {
    const aws = sandboxAccess(sb);
    const c = aws.clients(prod, "us-east-1");
    await c.sts.send(new GetCallerIdentityCommand({})); // assume the role before faults start
    sb.setFaults({ seed: 3, throttle: { rate: 0.3 } });
    sb.clearCallLog();
    const calls: [string, () => Promise<unknown>][] = [
      ["sts", () => c.sts.send(new GetCallerIdentityCommand({}))],
      ["monitoring", () => c.cloudwatch.send(new ListMetricsCommand({ Namespace: "AWS/Bedrock" }))],
      ["bedrock", () => c.bedrock.send(new ListFoundationModelsCommand({}))],
      ["logs", () => c.logs.send(new DescribeLogGroupsCommand({}))],
      [
        "s3",
        () =>
          c.s3.send(
            new ListObjectsV2Command({ Bucket: "sandbox-bedrock-logs-111111111111-us-east-1", MaxKeys: 1 }),
          ),
      ],
      ["iam", () => c.iam.send(new GetRoleCommand({ RoleName: "BedrockSpendReadOnly" }))],
      [
        "pricing",
        () => c.pricing.send(new GetProductsCommand({ ServiceCode: "AmazonBedrock", MaxResults: 1 })),
      ],
    ];
    for (let round = 0; round < 2; round++) for (const [, call] of calls) await call();
    const log = sb.callLog();
    const throttledStatus = {
      sts: 400,
      monitoring: 400,
      bedrock: 429,
      logs: 400,
      s3: 503,
      iam: 400,
      pricing: 400,
    };
    for (const [svc] of calls) {
      const mine = log.filter((e) => e.service === svc);
      expect(
        mine.filter((e) => e.status === 200),
        svc,
      ).toHaveLength(2);
      expect(
        mine
          .filter((e) => e.status !== 200)
          .every((e) => e.status === throttledStatus[svc as keyof typeof throttledStatus]),
      ).toBe(true);
    }
    // 14 successful calls and, at 30 %, several throttled attempts the SDK absorbed.
    expect(log.filter((e) => e.status !== 200).length).toBeGreaterThan(2);
    aws.close();
  });

  it("throttling that outlasts the retries is described with the attempt count", async () => {
    const aws = createAwsAccess({ env: sb.env, log: silentLogger, maxAttempts: 2 });
    sb.setFaults({ throttle: { rate: 1, actions: ["bedrock:ListFoundationModels"] } });
    const err = await aws
      .clients(null, "us-east-1")
      .bedrock.send(new ListFoundationModelsCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("ThrottlingException");
    const d = describeAwsError(err, { action: "bedrock:ListFoundationModels", account: PROD });
    expect(d.message).toBe(
      "AWS kept throttling bedrock:ListFoundationModels (account 111111111111) after 2 attempts",
    );
    expect(d.fix).toContain("collect.concurrency");
    aws.close();
  });

  it("AccessDenied names the role and the missing IAM action", async () => {
    const aws = sandboxAccess(sb);
    sb.setFaults({ accessDenied: [{ account: PROD, action: "cloudwatch:ListMetrics" }] });
    const err = await aws
      .clients(prod, "us-east-1")
      .cloudwatch.send(new ListMetricsCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("AccessDenied");
    expect(
      describeAwsError(err, { action: "cloudwatch:ListMetrics", account: PROD, roleArn: prod.roleArn }),
    ).toEqual({
      name: "AccessDenied",
      message:
        "role arn:aws:iam::111111111111:role/BedrockSpendReadOnly (account 111111111111) lacks cloudwatch:ListMetrics",
      fix: "add cloudwatch:ListMetrics to the read-only policy (bedrock-spend cfn-template)",
    });
    // S3's ListObjectsV2 is authorized by s3:ListBucket: the message says so.
    expect(
      describeAwsError({ name: "AccessDenied" }, { action: "s3:ListObjectsV2", roleArn: prod.roleArn })
        .message,
    ).toContain("lacks s3:ListBucket");
    aws.close();
  });

  it("a trust policy that rejects our ExternalId is explained as such", async () => {
    const aws = sandboxAccess(sb);
    sb.setFaults({ wrongExternalId: [PROD] });
    const err = await aws
      .clients(prod, "us-east-1")
      .sts.send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("AccessDenied");
    const d = describeAwsError(err, { action: "sts:AssumeRole", account: PROD, roleArn: prod.roleArn });
    expect(d.message).toBe(
      "cannot assume arn:aws:iam::111111111111:role/BedrockSpendReadOnly (account 111111111111): AccessDenied",
    );
    expect(d.fix).toContain("sts:ExternalId");
    aws.close();
  });

  it("expired session credentials are refreshed before expiry, and ExpiredToken is explained", async () => {
    let skew = 0;
    const aws = createAwsAccess({ env: sb.env, log: silentLogger, clock: () => Date.now() + skew });
    const sts = aws.clients(prod, "us-east-1").sts;
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
    expect(sb.callLog().filter((e) => e.action === "sts:AssumeRole")).toHaveLength(1);
    // Another region's clients share the account's cached session.
    await aws.clients(prod, "us-west-2").sts.send(new GetCallerIdentityCommand({}));
    expect(sb.callLog().filter((e) => e.action === "sts:AssumeRole")).toHaveLength(1);
    const first = await aws.credentials(prod)();
    skew = 3600_000 - REFRESH_MARGIN_MS + 1000; // inside the refresh margin of the 1 h session
    const second = await aws.credentials(prod)();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(sb.callLog().filter((e) => e.action === "sts:AssumeRole")).toHaveLength(2);

    skew = 0;
    sb.state.identities.expire(second.accessKeyId);
    // A new client resolves the cached (now server-side expired) session.
    const err = await aws
      .clients(prod, "us-east-2")
      .sts.send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("ExpiredToken");
    expect(describeAwsError(err, { action: "sts:GetCallerIdentity", account: PROD }).fix).toContain(
      "refresh",
    );
    aws.close();
  });

  it("a refused connection is described with the endpoint variables to check", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const aws = createAwsAccess({
      env: { ...sb.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
      log: silentLogger,
      maxAttempts: 1,
    });
    const err = await aws
      .clients(null, "us-east-1")
      .bedrock.send(new ListFoundationModelsCommand({}))
      .catch((e) => e);
    const d = describeAwsError(err, { action: "bedrock:ListFoundationModels" });
    expect(d.name).toBe("ECONNREFUSED");
    expect(d.fix).toContain("AWS_ENDPOINT_URL");
    aws.close();
  });
});
