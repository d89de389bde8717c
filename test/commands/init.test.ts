import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildInitConfig, deployCommands } from "../../src/onboarding/init-config.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";

const run = async (args: string[], stdin?: string, env: Record<string, string> = {}) => {
  const child = spawnCli(args, cliEnv({ AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", ...env }));
  if (stdin !== undefined) child.stdin?.end(stdin);
  else child.stdin?.end();
  return finished(child);
};

describe("bedrock-spend init", () => {
  it("from flags writes a config that loads, with a distinct random ExternalId per account, and prints the deploy commands", async () => {
    const out = join(tempDir(), "cfg", "bedrock-spend.config.yaml");
    const r = await run([
      "init",
      "--yes",
      "--out",
      out,
      "--account",
      "111111111111:prod",
      "--account",
      "222222222222",
      "--regions",
      "us-east-1,eu-west-1",
      "--role-name",
      "SpendReader",
      "--cur",
      "s3://payer-cur/cur/export",
      "--cur-account",
      "111111111111",
      "--logs-bucket",
      "s3://bedrock-logs/meta/",
      "--slack-channel",
      "#bedrock-spend",
      "--trusted-principal",
      "arn:aws:iam::999999999999:role/bedrock-spend",
    ]);
    expect(r.stderr).toMatch(/wrote .*bedrock-spend\.config\.yaml/);
    expect(r.code).toBe(0);
    const { config } = loadConfig(out);
    expect(config.accounts.map((a) => [a.id, a.name, a.roleArn, a.regions])).toEqual([
      ["111111111111", "prod", "arn:aws:iam::111111111111:role/SpendReader", ["us-east-1", "eu-west-1"]],
      ["222222222222", undefined, "arn:aws:iam::222222222222:role/SpendReader", ["us-east-1", "eu-west-1"]],
    ]);
    const ids = config.accounts.map((a) => a.externalId ?? "");
    expect(ids[0]).toMatch(/^bsp-[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(config.accounts[0].invocationLogs).toEqual({ s3: { bucket: "bedrock-logs", prefix: "meta/" } });
    expect(config.cur).toEqual({ source: "s3://payer-cur/cur/export", account: "111111111111" });
    expect(config.slack.channel).toBe("#bedrock-spend");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("bedrock-spend cfn-template > bedrock-spend-role.yaml");
    const deploys = lines.filter((l) => l.startsWith("aws cloudformation deploy"));
    expect(deploys).toHaveLength(2);
    expect(deploys[0]).toContain(
      `ExternalId=${ids[0]} TrustedPrincipal=arn:aws:iam::999999999999:role/bedrock-spend CurBucket=payer-cur`,
    );
    expect(deploys[1]).toContain(`ExternalId=${ids[1]}`);
    expect(deploys[1]).not.toContain("CurBucket");
    expect(
      deploys.every(
        (d) => d.includes("--capabilities CAPABILITY_NAMED_IAM") && d.includes("RoleName=SpendReader"),
      ),
    ).toBe(true);

    // Never overwrites without --force.
    const before = readFileSync(out, "utf8");
    const again = await run([
      "init",
      "--yes",
      "--out",
      out,
      "--account",
      "333333333333",
      "--trusted-principal",
      "999999999999",
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: pass --force/);
    expect(readFileSync(out, "utf8")).toBe(before);
    const forced = await run([
      "init",
      "--yes",
      "--force",
      "--out",
      out,
      "--account",
      "333333333333",
      "--trusted-principal",
      "999999999999",
    ]);
    expect(forced.code).toBe(0);
    expect(loadConfig(out).config.accounts.map((a) => a.id)).toEqual(["333333333333"]);
  });

  it("asks interactively on stderr when flags are missing", async () => {
    const out = join(tempDir(), "c.yaml");
    const answers = [
      "111111111111:prod, 222222222222:dev",
      "",
      "",
      "/tmp/cur-export",
      "",
      "#alerts",
      "n",
    ].join("\n");
    const r = await run(["init", "--out", out, "--trusted-principal", "999999999999"], `${answers}\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /AWS accounts to read.*Regions where Bedrock runs, comma-separated \[us-east-1\]/s,
    );
    expect(r.stderr).toMatch(/Run bedrock-spend doctor now/);
    expect(r.stdout).not.toMatch(/AWS accounts to read/);
    const { config } = loadConfig(out);
    expect(config.accounts.map((a) => [a.id, a.name, a.regions[0], a.roleArn])).toEqual([
      ["111111111111", "prod", "us-east-1", "arn:aws:iam::111111111111:role/BedrockSpendReadOnly"],
      ["222222222222", "dev", "us-east-1", "arn:aws:iam::222222222222:role/BedrockSpendReadOnly"],
    ]);
    expect(config.cur?.source).toBe("/tmp/cur-export");
    expect(config.slack.channel).toBe("#alerts");
  });

  it("rejects bad input with the flag and the fix", async () => {
    expect(() => buildInitConfig({ accounts: ["12345"], regions: ["us-east-1"] })).toThrow(
      /--account "12345": expected ID or ID:name/,
    );
    expect(() => buildInitConfig({ accounts: ["111111111111"], regions: ["mars-1"] })).toThrow(
      /accounts\[0\]\.regions\[0\]: an AWS region/,
    );
    expect(() =>
      buildInitConfig({ accounts: ["111111111111"], regions: ["us-east-1"], curAccount: "222222222222" }),
    ).toThrow(/--cur-account 222222222222 is not one of/);
    const r = await run(["init", "--yes", "--out", join(tempDir(), "x.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs at least one --account/);
  });

  it("deploy commands carry each account's own ExternalId (pure)", () => {
    let n = 0;
    const answers = {
      accounts: ["111111111111", "222222222222"],
      regions: ["us-east-1"],
      logsBucket: "logs",
    };
    const res = buildInitConfig(answers, () => `ext-${++n}`);
    const cmds = deployCommands(answers, res, "999999999999");
    expect(cmds.map((c) => /ExternalId=(\S+)/.exec(c)?.[1])).toEqual(["ext-1", "ext-2"]);
    expect(cmds.every((c) => c.includes("InvocationLogBucket=logs"))).toBe(true);
  });
});
