import {
  GetModelInvocationLoggingConfigurationCommand,
  ListFoundationModelsCommand,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
  paginateListProvisionedModelThroughputs,
} from "@aws-sdk/client-bedrock";
import { GetMetricDataCommand, paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import { paginateFilterLogEvents } from "@aws-sdk/client-cloudwatch-logs";
import { GetRoleCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetProductsCommand } from "@aws-sdk/client-pricing";
import { GetObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsClients, createAwsAccess } from "../../src/aws/access.js";
import { READ_ONLY_ACTIONS } from "../../src/aws/read-only.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";
import { sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:00:00Z");

/** Every read API once per account/region, the way a collection run uses them. */
async function fullRun(c: AwsClients, region: string) {
  const who = await c.sts.send(new GetCallerIdentityCommand({}));
  const metrics = [];
  for await (const p of paginateListMetrics({ client: c.cloudwatch }, { Namespace: "AWS/Bedrock" }))
    metrics.push(...p.Metrics!);
  if (metrics.length) {
    const queries = metrics
      .slice(0, 50)
      .map((m, i) => ({ Id: `q${i}`, MetricStat: { Metric: m, Period: 3600, Stat: "Sum" } }));
    await c.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(NOW.getTime() - 86_400_000),
        EndTime: NOW,
      }),
    );
  }
  await c.bedrock.send(new ListFoundationModelsCommand({}));
  for await (const _ of paginateListProvisionedModelThroughputs({ client: c.bedrock }, {}));
  for await (const p of paginateListInferenceProfiles({ client: c.bedrock }, { typeEquals: "APPLICATION" }))
    for (const ip of p.inferenceProfileSummaries!)
      await c.bedrock.send(new ListTagsForResourceCommand({ resourceARN: ip.inferenceProfileArn }));
  const logging = (await c.bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}))).loggingConfig;
  if (logging?.cloudWatchConfig?.logGroupName)
    for await (const _ of paginateFilterLogEvents(
      { client: c.logs },
      { logGroupName: logging.cloudWatchConfig.logGroupName },
    ));
  if (logging?.s3Config?.bucketName) {
    const Bucket = logging.s3Config.bucketName;
    for await (const p of paginateListObjectsV2(
      { client: c.s3 },
      { Bucket, Prefix: logging.s3Config.keyPrefix },
    )) {
      const first = p.Contents?.[0];
      if (first)
        await (
          await c.s3.send(new GetObjectCommand({ Bucket, Key: first.Key }))
        ).Body!.transformToByteArray();
    }
  }
  const role = await c.iam.send(new GetRoleCommand({ RoleName: "BedrockSpendReadOnly" }));
  await c.iam
    .send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: role.Role!.Arn,
        ActionNames: ["bedrock:InvokeModel"],
      }),
    )
    .catch(() => undefined);
  await c.pricing.send(new GetProductsCommand({ ServiceCode: "AmazonBedrock", MaxResults: 5 }));
  return { account: who.Account, region };
}

describe("sandbox server", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 6 });
  });
  afterAll(() => sb.close());

  it("a full run over every account and region shows only allow-listed read actions", async () => {
    sb.clearCallLog();
    const aws = sandboxAccess(sb);
    for (const a of DEMO_ACCOUNTS)
      for (const region of a.regions)
        expect(await fullRun(aws.clients(sandboxAccount(a.id), region), region)).toEqual({
          account: a.id,
          region,
        });
    aws.close();
    const log = sb.callLog();
    expect(new Set(log.map((e) => e.service))).toEqual(
      new Set(["sts", "monitoring", "bedrock", "logs", "s3", "iam", "pricing"]),
    );
    const forbidden = log.filter((e) => !READ_ONLY_ACTIONS.has(e.action));
    expect(forbidden).toEqual([]);
    // Every call but the AssumeRoles ran as the account it was made for.
    const accounts = new Set(log.filter((e) => e.action !== "sts:AssumeRole").map((e) => e.account));
    expect(accounts).toEqual(new Set(DEMO_ACCOUNTS.map((a) => a.id)));
    // staging's role may not simulate its own policy: the one denial of the run.
    expect(log.filter((e) => e.status !== 200).map((e) => [e.account, e.action])).toEqual([
      ["222222222222", "iam:SimulatePrincipalPolicy"],
    ]);
  });

  it("POST /__sandbox/faults switches faults on and off; bad bodies are rejected", async () => {
    const post = (body: unknown) =>
      fetch(`${sb.url}/__sandbox/faults`, { method: "POST", body: JSON.stringify(body) });
    expect((await post({ throttle: { rate: 2 } })).status).toBe(400);
    expect((await post({ throttle: { rate: 1, actions: ["bedrock:ListFoundationModels"] } })).status).toBe(
      204,
    );
    const aws = sandboxAccess(sb, 1);
    const bedrock = aws.clients(null, "us-east-1").bedrock;
    expect((await bedrock.send(new ListFoundationModelsCommand({})).catch((e) => e)).name).toBe(
      "ThrottlingException",
    );
    expect((await post({})).status).toBe(204);
    expect((await bedrock.send(new ListFoundationModelsCommand({}))).modelSummaries!.length).toBeGreaterThan(
      5,
    );
    aws.close();
  });

  it("injected latency delays every call", async () => {
    sb.setFaults({ latencyMs: 150 });
    const aws = sandboxAccess(sb);
    const t0 = performance.now();
    await aws.clients(null, "us-east-1").sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    sb.setFaults({});
    aws.close();
  });

  it("rejects unsigned requests and unknown access keys", async () => {
    expect((await fetch(`${sb.url}/foundation-models`)).status).toBe(400);
    const aws = sandboxAccess({ ...sb, env: { ...sb.env, AWS_ACCESS_KEY_ID: "AKIAUNKNOWN000000000" } }, 1);
    const err = await aws
      .clients(null, "us-east-1")
      .sts.send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("InvalidClientTokenId");
    aws.close();
  });

  it("a session key is only valid with its own session token", async () => {
    const aws = sandboxAccess(sb);
    const creds = await aws.credentials(sandboxAccount("111111111111"))();
    aws.close();
    const forged = createAwsAccess({
      env: sb.env,
      log: silentLogger,
      maxAttempts: 1,
      baseCredentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        sessionToken: "forged",
      },
    });
    const err = await forged
      .clients(null, "us-east-1")
      .sts.send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("InvalidClientTokenId");
    forged.close();
  });

  it("is deterministic: the same now and seed serve the same numbers", async () => {
    const other = await startSandbox({ now: NOW, logHours: 1 });
    const query = {
      MetricDataQueries: [
        {
          Id: "a",
          MetricStat: {
            Metric: {
              Namespace: "AWS/Bedrock",
              MetricName: "InputTokenCount",
              Dimensions: [{ Name: "ModelId", Value: "amazon.nova-pro-v1:0" }],
            },
            Period: 3600,
            Stat: "Sum",
          },
        },
      ],
      StartTime: new Date(NOW.getTime() - 48 * 3_600_000),
      EndTime: NOW,
    };
    const read = async (s: Sandbox) => {
      const aws = sandboxAccess(s);
      const out = await aws
        .clients(sandboxAccount("333333333333"), "us-east-1")
        .cloudwatch.send(new GetMetricDataCommand(query));
      aws.close();
      return out.MetricDataResults![0].Values;
    };
    const [x, y] = await Promise.all([read(sb), read(other)]);
    expect(x).toHaveLength(48);
    expect(x).toEqual(y);
    await other.close();
  });
});
