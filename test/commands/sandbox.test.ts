import { type ChildProcess, spawn } from "node:child_process";
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsAccess } from "../../src/aws/access.js";
import { silentLogger } from "../../src/util/log.js";
import { PROD, sandboxAccount } from "../helpers/sandbox.js";

describe("bedrock-spend sandbox (CLI)", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints eval-able env lines, serves the org, and stops cleanly on SIGTERM", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "sandbox", "--port", "0"], {
      env: { ...process.env, BEDROCK_SPEND_NOW: "2026-11-26T12:00:00Z", BEDROCK_SPEND_LOG: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
    });
    await new Promise<void>((resolve, reject) => {
      child!.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      const timer = setInterval(() => {
        if (out.includes('externalId: "demo-ext-research-44b0"')) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(env).sort()).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_ENDPOINT_URL",
      "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",
    ]);
    expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toMatch(/^# +roleArn: arn:aws:iam::111111111111:role\/BedrockSpendReadOnly$/m);

    const aws = createAwsAccess({ env, log: silentLogger });
    const metrics = await aws
      .clients(sandboxAccount(PROD), "us-east-1")
      .cloudwatch.send(new ListMetricsCommand({ Namespace: "AWS/Bedrock" }));
    expect(metrics.Metrics!.length).toBeGreaterThan(50);
    aws.close();

    const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
