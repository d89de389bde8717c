import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_ARGS, cliEnv, REPO_ROOT } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAVY = ["@aws-sdk/client-s3", "@duckdb/node-api", "@slack/bolt", "better-sqlite3"];

/** Runs the CLI with the preload that records which CommonJS packages the process loaded. */
async function run(args: string[], tag: string): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const file = join(dir, `${tag}.json`);
  const preload = join(REPO_ROOT, "test/helpers/loaded-packages.mjs");
  const env = cliEnv({ LOADED_PACKAGES_FILE: file, BEDROCK_SPEND_CONFIG: "", BEDROCK_SPEND_LOG: "warn" });
  let code = 0;
  let stdout = "";
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, ["--import", preload, ...CLI_ARGS, ...args], {
      cwd: REPO_ROOT,
      env,
    }));
  } catch (err) {
    ({ code, stdout } = err as { code: number; stdout: string });
  }
  return { code, stdout, loaded: JSON.parse(readFileSync(file, "utf8")) };
}

describe("CLI startup loads command implementations lazily", () => {
  it("--help lists every command without loading DuckDB, the AWS SDK, Bolt or SQLite", async () => {
    const r = await run(["--help"], "help");
    expect(r.code).toBe(0);
    for (const cmd of ["report", "mcp", "slack", "ingest-cur", "collect", "serve", "prices", "sandbox"])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, "m"));
    for (const pkg of HEAVY) expect(r.loaded).not.toContain(pkg);
    expect(r.loaded).toContain("commander");
  }, 60_000);

  it("a command's --help still shows its options", async () => {
    const r = await run(["ingest-cur", "--help"], "ingest-help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--period <YYYY-MM...>");
    expect(r.loaded).not.toContain("@duckdb/node-api");
  }, 60_000);

  it("report spend opens the store but loads no collector, server or Slack package", async () => {
    const r = await run(["report", "spend", "--db", join(dir, "s.db"), "--json"], "spend");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totalCostUsd).toBe(0);
    expect(r.loaded).toContain("better-sqlite3");
    for (const pkg of ["@aws-sdk/client-s3", "@duckdb/node-api", "@slack/bolt"])
      expect(r.loaded).not.toContain(pkg);
  }, 60_000);
});
