import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { tempDir } from "../helpers/db.js";
import { PROD, STAGING, sandboxAccount } from "../helpers/sandbox.js";

const NOW = "2026-11-26T12:34:00Z";
const CLI = new URL("../../src/cli.ts", import.meta.url).pathname;
const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { env: { ...process.env, ...env, BEDROCK_SPEND_NOW: NOW } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("bedrock-spend collect (CLI, real process, sandbox)", { timeout: 120_000 }, () => {
  let sb: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date(NOW), logHours: 2 });
    dir = tempDir();
    writeFileSync(
      join(dir, "config.yaml"),
      stringify({ accounts: [sandboxAccount(PROD), sandboxAccount(STAGING)], collect: { backfillDays: 2 } }),
    );
    env = {
      ...sb.env,
      BEDROCK_SPEND_DB: join(dir, "store.db"),
      BEDROCK_SPEND_CONFIG: join(dir, "config.yaml"),
    };
  });
  afterAll(() => sb.close());

  it("exits 3 when one account fails, naming the problem on stderr; report usage then answers", async () => {
    sb.setFaults({ wrongExternalId: [STAGING] });
    const r = await cli(["collect", "--source", "metrics,inventory", "--json"], env);
    sb.setFaults({});
    expect(r.code).toBe(3);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe("partial");
    expect(
      summary.units
        .filter((u: { status: string }) => u.status === "failed")
        .map((u: { account: string }) => u.account),
    ).toEqual([STAGING, STAGING]);
    expect(r.stderr).toMatch(/cannot assume arn:aws:iam::222222222222:role\/BedrockSpendReadOnly/);
    expect(r.stderr).not.toContain(sb.env.AWS_SECRET_ACCESS_KEY);

    const usage = await cli(["report", "usage", "--by", "account,model", "--json"], env);
    expect(usage.code).toBe(0);
    const out = JSON.parse(usage.stdout);
    expect(out.from).toBe("2026-11-01");
    expect(new Set(out.rows.map((x: { account: string }) => x.account))).toEqual(new Set([PROD]));
    expect(out.rows.map((x: { model: string }) => x.model)).toContain("Claude Sonnet 4.6");
  });

  it("exits 0 when everything succeeds and 2 on a bad --since", async () => {
    const ok = await cli(["collect", "--source", "metrics"], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/metrics\s+111111111111\s+us-east-1\s+ok/);
    const bad = await cli(["collect", "--since", "2026-02-30"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since 2026-02-30/);
  });
});
