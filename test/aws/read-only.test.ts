import * as bedrockSdk from "@aws-sdk/client-bedrock";
import * as cloudwatchSdk from "@aws-sdk/client-cloudwatch";
import * as logsSdk from "@aws-sdk/client-cloudwatch-logs";
import * as iamSdk from "@aws-sdk/client-iam";
import * as pricingSdk from "@aws-sdk/client-pricing";
import * as s3Sdk from "@aws-sdk/client-s3";
import * as stsSdk from "@aws-sdk/client-sts";
import { Upload } from "@aws-sdk/lib-storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsAccess } from "../../src/aws/access.js";
import { CLIENT_PREFIXES, READ_ONLY_ACTIONS, ReadOnlyViolationError } from "../../src/aws/read-only.js";
import { BASE_ACCESS_KEY_ID, BASE_SECRET_ACCESS_KEY } from "../../src/sandbox/identity.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { ConverseCommand, DisguisedCommand, InvokeModelCommand } from "../helpers/raw-commands.js";
import { PROD, sandboxAccess, sandboxAccount } from "../helpers/sandbox.js";

type CommandCtor = new (input: object) => object;
const SDKS = {
  sts: stsSdk,
  cloudwatch: cloudwatchSdk,
  bedrock: bedrockSdk,
  logs: logsSdk,
  s3: s3Sdk,
  iam: iamSdk,
  pricing: pricingSdk,
};

/** Every `XxxCommand` class a client package exports. */
function commandsOf(sdk: object): [string, CommandCtor][] {
  return Object.entries(sdk).filter(
    ([k, v]) => /^[A-Z]\w*Command$/.test(k) && typeof v?.prototype?.resolveMiddleware === "function",
  ) as [string, CommandCtor][];
}

describe("read-only by construction", () => {
  let sb: Sandbox;
  let aws: AwsAccess;
  const prod = sandboxAccount(PROD);
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z"), logHours: 1 });
    aws = sandboxAccess(sb);
  });
  afterAll(async () => {
    aws.close();
    await sb.close();
  });

  it("every allow-listed action names a command that exists in the installed SDK", () => {
    const byPrefix = Object.fromEntries(Object.entries(CLIENT_PREFIXES).map(([, p]) => [p, p]));
    for (const action of READ_ONLY_ACTIONS) {
      const [prefix, op] = action.split(":");
      expect(byPrefix[prefix], action).toBeDefined();
      expect(SDKS[prefix as keyof typeof SDKS], action).toHaveProperty(`${op}Command`);
    }
  });

  it("refuses EVERY other command of all seven clients before anything is sent", async () => {
    sb.clearCallLog();
    let refused = 0;
    for (const [key, sdk] of Object.entries(SDKS)) {
      const client = aws.clients(prod, "us-east-1")[key as keyof typeof SDKS] as {
        send(c: object): Promise<unknown>;
      };
      for (const [name, Ctor] of commandsOf(sdk)) {
        const action = `${key}:${name.replace(/Command$/, "")}`;
        if (READ_ONLY_ACTIONS.has(action)) continue;
        const err = (await client.send(new Ctor({})).catch((e: unknown) => e)) as Error;
        expect(err, action).toBeInstanceOf(ReadOnlyViolationError);
        expect(err.message).toContain(action);
        refused += 1;
      }
    }
    // Hundreds of commands, among them every Create/Update/Delete/Put/Tag of bedrock and s3.
    expect(refused).toBeGreaterThan(500);
    for (const verb of ["Create", "Update", "Delete", "Put", "Tag", "Untag"]) {
      expect(commandsOf(bedrockSdk).some(([n]) => n.startsWith(verb))).toBe(true);
      expect(commandsOf(s3Sdk).some(([n]) => n.startsWith(verb)) || verb === "Tag" || verb === "Untag").toBe(
        true,
      );
    }
    // Nothing reached the sandbox — not even the AssumeRole the credentials would need.
    expect(sb.callLog()).toEqual([]);
  });

  it("refuses InvokeModel and Converse, which a client without the guard really sends", async () => {
    // Control: a bare client (no guard) puts the same raw command on the wire.
    const bare = new bedrockSdk.BedrockClient({
      endpoint: sb.url,
      region: "us-east-1",
      credentials: { accessKeyId: BASE_ACCESS_KEY_ID, secretAccessKey: BASE_SECRET_ACCESS_KEY },
      maxAttempts: 1,
    });
    sb.clearCallLog();
    await bare
      .send(new InvokeModelCommand({ modelId: "amazon.nova-lite-v1:0", body: "{}" }))
      .catch(() => undefined);
    expect(sb.callLog().map((c) => c.action)).toEqual([
      "bedrock:Unknown:POST /model/amazon.nova-lite-v1:0/invoke",
    ]);
    bare.destroy();

    sb.clearCallLog();
    const guarded = aws.clients(prod, "us-east-1").bedrock;
    for (const cmd of [
      new InvokeModelCommand({ modelId: "amazon.nova-lite-v1:0", body: "{}" }),
      new ConverseCommand({ modelId: "amazon.nova-lite-v1:0" }),
      new DisguisedCommand({ modelId: "amazon.nova-lite-v1:0", body: "{}" }),
    ]) {
      const err: unknown = await guarded.send(cmd).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadOnlyViolationError);
    }
    expect(sb.callLog()).toEqual([]);
  });

  it("lib-storage uploads are refused too (PutObject / CreateMultipartUpload)", async () => {
    sb.clearCallLog();
    const up = new Upload({
      client: aws.clients(prod, "us-east-1").s3,
      params: { Bucket: "b", Key: "k", Body: "x" },
    });
    await expect(up.done()).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(sb.callLog()).toEqual([]);
  });
});
