import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { PROD, RESEARCH, sandboxAccount } from "../helpers/sandbox.js";

const NOW = "2026-11-26T12:00:00Z";

describe("bedrock-spend doctor against the sandbox (CLI subprocess, real SDK)", () => {
  let sb: Sandbox;
  let dir: string;
  const configFor = (ids: string[]) => {
    const path = join(dir, `config-${ids.join("-")}.yaml`);
    writeFileSync(path, stringify({ accounts: ids.map((id) => sandboxAccount(id)) }));
    return path;
  };
  const doctor = (config: string, ...args: string[]) =>
    finished(
      spawnCli(
        ["--config", config, "--db", join(dir, "store.db"), ...args],
        cliEnv({ ...sb.env, BEDROCK_SPEND_NOW: NOW }),
      ),
    );

  beforeAll(async () => {
    sb = await startSandbox({ now: new Date(NOW), logHours: 1 });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("exits 0 with only warnings, printing the checklist with fixes", async () => {
    const r = await doctor(configFor([PROD]), "doctor");
    expect(r.stdout + r.stderr).not.toContain(sb.env.AWS_SECRET_ACCESS_KEY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^prod \(111111111111\)$/m);
    expect(r.stdout).toMatch(
      /^ {2}✓ role_assumable +assumed arn:aws:iam::111111111111:role\/BedrockSpendReadOnly/m,
    );
    expect(r.stdout).toMatch(/^ {2}! content_logging us-east-1 +privacy: text delivery is on/m);
    expect(r.stdout).toMatch(
      /^ {6}fix: aws bedrock put-model-invocation-logging-configuration --region us-east-1 /m,
    );
    expect(r.stdout).not.toMatch(/✗/);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^Healthy: 0 errors, \d+ warnings/);
  });

  it("exits 1 with any error (research holds bedrock:InvokeModel)", async () => {
    const r = await doctor(configFor([PROD, RESEARCH]), "doctor");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}✗ permissions +must not hold bedrock:InvokeModel/m);
    expect(r.stdout).toMatch(
      /fix: remove bedrock:InvokeModel from arn:aws:iam::333333333333:role\/BedrockSpendReadOnly/,
    );
  });

  it("--json and `report status --json` print the same structured output; report permissions mirrors the capability", async () => {
    const cfg = configFor([RESEARCH]);
    const [doc, rep, perms] = await Promise.all([
      doctor(cfg, "doctor", "--json"),
      doctor(cfg, "report", "status", "--json"),
      doctor(cfg, "report", "permissions", "--json", "--account-id", RESEARCH),
    ]);
    expect(doc.code).toBe(1);
    expect(JSON.parse(doc.stdout)).toEqual(JSON.parse(rep.stdout));
    const p = JSON.parse(perms.stdout);
    expect(p.accounts[0]).toMatchObject({
      accountId: RESEARCH,
      assumable: true,
      method: "simulate",
      ok: false,
    });
  });
});
