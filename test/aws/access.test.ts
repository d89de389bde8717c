import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import type { AccountConfig } from "../../src/config.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";

const account = (i: number, externalId?: string): AccountConfig => {
  const a = DEMO_ACCOUNTS[i];
  return {
    id: a.id,
    name: a.name,
    roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
    externalId: externalId ?? a.externalId,
    regions: a.regions,
  };
};

describe("createAwsAccess against the sandbox", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z") });
  });
  afterAll(() => sb.close());

  it("assumes the account role once (cached) and every client acts as that account", async () => {
    sb.clearCallLog();
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    const prod = account(0);
    const ids = await Promise.all(
      [...prod.regions, ...prod.regions].map((r) =>
        aws.clients(prod, r).sts.send(new GetCallerIdentityCommand({})),
      ),
    );
    for (const id of ids) {
      expect(id.Account).toBe(prod.id);
      expect(id.Arn).toBe(`arn:aws:sts::${prod.id}:assumed-role/BedrockSpendReadOnly/bedrock-spend`);
    }
    const assumes = sb.callLog().filter((c) => c.action === "sts:AssumeRole");
    expect(assumes).toEqual([
      { service: "sts", action: "sts:AssumeRole", account: "999999999999", region: "us-east-1", status: 200 },
    ]);
    aws.close();
  });

  it("the base identity is the management account", async () => {
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    const id = await aws.clients(null, "us-east-1").sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe("999999999999");
    aws.close();
  });

  it("a wrong ExternalId fails AssumeRole with AccessDenied", async () => {
    const aws = createAwsAccess({ env: sb.env, log: silentLogger });
    const bad = account(1, "not-the-right-one");
    const err = await aws
      .clients(bad, "us-east-1")
      .sts.send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(err.name).toBe("AccessDenied");
    aws.close();
  });
});
