import { ListFoundationModelsCommand } from "@aws-sdk/client-bedrock";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import { configuredEndpoint, needsPathStyle } from "../../src/aws/endpoints.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { silentLogger } from "../../src/util/log.js";

describe("endpoint configuration", () => {
  it("follows the SDK precedence: service variable, then AWS_ENDPOINT_URL, unless ignored", () => {
    const env = { AWS_ENDPOINT_URL: "http://a", AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: "http://logs" };
    expect(configuredEndpoint(env, "logs")).toBe("http://logs");
    expect(configuredEndpoint(env, "cloudwatch")).toBe("http://a");
    expect(
      configuredEndpoint({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, "logs"),
    ).toBeUndefined();
    expect(configuredEndpoint({}, "s3")).toBeUndefined();
  });

  it("uses path-style S3 only for IP and localhost endpoints", () => {
    expect(needsPathStyle("http://127.0.0.1:9000")).toBe(true);
    expect(needsPathStyle("http://[::1]:9000")).toBe(true);
    expect(needsPathStyle("http://localhost:9000")).toBe(true);
    expect(needsPathStyle("https://minio.internal.example")).toBe(false);
    expect(needsPathStyle(undefined)).toBe(false);
  });

  describe("against two sandboxes", () => {
    let a: Sandbox;
    let b: Sandbox;
    beforeAll(async () => {
      [a, b] = await Promise.all([startSandbox({ logHours: 1 }), startSandbox({ logHours: 1 })]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it("AWS_ENDPOINT_URL_BEDROCK sends only Bedrock elsewhere", async () => {
      const aws = createAwsAccess({ env: { ...a.env, AWS_ENDPOINT_URL_BEDROCK: b.url }, log: silentLogger });
      const c = aws.clients(null, "us-east-1");
      await c.bedrock.send(new ListFoundationModelsCommand({}));
      await c.sts.send(new GetCallerIdentityCommand({}));
      expect(a.callLog().map((e) => e.action)).toEqual(["sts:GetCallerIdentity"]);
      expect(b.callLog().map((e) => e.action)).toEqual(["bedrock:ListFoundationModels"]);
      aws.close();
    });
  });
});
