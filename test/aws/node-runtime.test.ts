import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { nodeMajor, replaceSdkNodeWarning, SDK_WARNING_SWITCH } from "../../src/aws/node-runtime.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { Logger } from "../../src/util/log.js";
import { cliEnv, finished, REPO_ROOT, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { PROD, sandboxAccount } from "../helpers/sandbox.js";

const OURS = /Node v\d+\.\d+\.\d+: AWS SDK releases from January 2027 require Node 22; install Node 22 LTS/g;
const onOldNode = nodeMajor(process.version) < 22;

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, debug: push, info: push, warn: push, error: push };
}

describe("the SDK's Node-version warning becomes one line of ours", () => {
  it("on Node 20 says what to do once and flips the SDK's own switch", () => {
    const log = recorder();
    const env: NodeJS.ProcessEnv = {};
    replaceSdkNodeWarning(log, "v20.20.2", env);
    replaceSdkNodeWarning(log, "v20.20.2", env);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(OURS);
    expect(env[SDK_WARNING_SWITCH]).toBe("true");
  });

  it("says nothing on Node 22, or when the user already silenced the SDK", () => {
    const log = recorder();
    const env22: NodeJS.ProcessEnv = {};
    replaceSdkNodeWarning(log, "v22.23.5", env22);
    replaceSdkNodeWarning(log, "v20.20.2", { [SDK_WARNING_SWITCH]: "true" });
    expect(log.lines).toEqual([]);
    expect(env22[SDK_WARNING_SWITCH]).toBeUndefined();
  });
});

describe(`real processes on this Node (${process.version})`, { timeout: 60_000 }, () => {
  let sb: Sandbox;
  let dir: string;
  const env = () => {
    const e = cliEnv({ ...sb.env, BEDROCK_SPEND_NOW: "2026-11-26T12:00:00Z" });
    delete e[SDK_WARNING_SWITCH];
    return e;
  };
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z"), logHours: 1 });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("a bare SDK client prints the SDK's eight-line warning exactly when Node < 22 (the control)", async () => {
    const script = `import("@aws-sdk/client-sts").then(({ STSClient }) => new STSClient({ region: "us-east-1" }))`;
    const child = spawn(process.execPath, ["-e", script], { cwd: REPO_ROOT, env: env(), stdio: "pipe" });
    const r = await finished(child);
    expect(r.code).toBe(0);
    expect(r.stderr.includes("NodeVersionSupportWarning")).toBe(onOldNode);
  });

  it("`bedrock-spend doctor` prints our one line instead (and nothing on Node 22)", async () => {
    const config = join(dir, "config.yaml");
    writeFileSync(config, stringify({ accounts: [sandboxAccount(PROD)] }));
    const args = ["--config", config, "--db", join(dir, "store.db"), "doctor"];
    const r = await finished(spawnCli(args, env()));
    expect(r.stdout).toMatch(/^prod \(111111111111\)$/m);
    expect(r.stderr).not.toContain("NodeVersionSupportWarning");
    expect(r.stderr).not.toContain("a.co/");
    expect(r.stderr.match(OURS) ?? []).toHaveLength(onOldNode ? 1 : 0);
  });
});
