import { gunzipSync } from "node:zlib";
import { DescribeLogGroupsCommand, paginateFilterLogEvents } from "@aws-sdk/client-cloudwatch-logs";
import { GetBucketLocationCommand, GetObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { PLANTED_MARKER } from "../../src/sandbox/org-logs.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { PROD, STAGING, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

const NOW = new Date("2026-11-26T12:20:00Z");

describe("sandbox invocation logs through the real Logs and S3 clients", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 24 });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  it("DescribeLogGroups + FilterLogEvents page through metadata records of the account", async () => {
    const logs = aws.clients(sandboxAccount(STAGING), "us-east-1").logs;
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/bedrock" }));
    expect(groups.logGroups!.map((g) => g.logGroupName)).toEqual(["/aws/bedrock/invocations"]);
    sb.clearCallLog();
    const events = [];
    const start = Date.UTC(2026, 10, 26, 6);
    for await (const page of paginateFilterLogEvents(
      { client: logs },
      { logGroupName: "/aws/bedrock/invocations", startTime: start, limit: 5 },
    ))
      events.push(...page.events!);
    expect(sb.callLog().filter((c) => c.action === "logs:FilterLogEvents")).toHaveLength(
      Math.ceil(events.length / 5),
    );
    expect(events.length).toBe(18); // 3 records per hour, the 6 hours that ended before now
    for (const e of events) {
      expect(e.timestamp).toBeGreaterThanOrEqual(start);
      const rec = JSON.parse(e.message!);
      expect(rec).toMatchObject({
        schemaType: "ModelInvocationLog",
        accountId: STAGING,
        region: "us-east-1",
      });
      expect(rec.identity.arn).toBe("arn:aws:sts::222222222222:assumed-role/CiRunner/gh-actions");
      expect(e.message).not.toContain(PLANTED_MARKER); // text delivery is off in staging
    }
    const missing = await logs.send(new DescribeLogGroupsCommand({ limit: 51 })).catch((e) => e);
    expect(missing.name).toBe("InvalidParameterException");
  });

  it("S3 holds gzipped JSON-lines objects in the AWS layout; content logging plants bodies", async () => {
    const s3 = aws.clients(sandboxAccount(PROD), "us-east-1").s3;
    const bucket = "sandbox-bedrock-logs-111111111111-us-east-1";
    const keys: string[] = [];
    for await (const p of paginateListObjectsV2(
      { client: s3, pageSize: 10 },
      { Bucket: bucket, Prefix: "bedrock-logs/AWSLogs/" },
    ))
      keys.push(...(p.Contents ?? []).map((o) => o.Key!));
    expect(keys).toHaveLength(24);
    expect(keys[0]).toMatch(
      /^bedrock-logs\/AWSLogs\/111111111111\/BedrockModelInvocationLogs\/us-east-1\/2026\/11\/\d\d\/\d\d\/[^/]+\.json\.gz$/,
    );
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keys.at(-1) }));
    const lines = gunzipSync(await obj.Body!.transformToByteArray())
      .toString("utf8")
      .trim()
      .split("\n");
    const recs = lines.map((l) => JSON.parse(l));
    expect(recs.length).toBeGreaterThan(0);
    expect(recs[0].input.inputBodyJson.messages[0].content[0].text).toContain(PLANTED_MARKER);
    expect(typeof recs[0].input.inputTokenCount).toBe("number");
    const loc = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
    expect(loc.LocationConstraint ?? "").toBe("");
  });
});
