import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { CliContext } from "../../src/cli/context.js";
import { COMMANDS, commandWord, registrarsFor } from "../../src/commands/index.js";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
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

describe("CLI command loading", () => {
  it("ingest-cur of a local folder never loads the AWS SDK (global options before the command too)", async () => {
    const gen = await generateCurExport({
      root: join(dir, "cur"),
      now: new Date("2026-11-06T09:30:00Z"),
      months: 1,
      daysPerPeriod: 2,
    });
    const r = await run(["--db", join(dir, "i.db"), "ingest-cur", gen.exportDir], "ingest");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 period\(s\) from .*: 1 ingested/);
    expect(r.loaded).toContain("@duckdb/node-api");
    for (const pkg of ["@aws-sdk/client-s3", "@slack/bolt", "@modelcontextprotocol/sdk"])
      expect(r.loaded).not.toContain(pkg);
  }, 60_000);

  it("finds the command word past global options and their values", () => {
    expect(commandWord(["--db", "report", "ingest-cur", "x"])).toBe("ingest-cur");
    expect(commandWord(["--db=x.db", "--config", "c.yaml", "report", "spend"])).toBe("report");
    expect(commandWord(["--help"])).toBeUndefined();
  });

  it("loads only the named command's module, and every module registers the command it is listed as", async () => {
    expect(await registrarsFor(["--db", "x.db", "migrate"])).toHaveLength(1);
    expect(await registrarsFor(["no-such-command"])).toHaveLength(COMMANDS.length);
    expect(await registrarsFor(["--version"])).toHaveLength(0);
    const program = new Command();
    const ctx = new CliContext(() => ({}));
    for (const register of await registrarsFor([])) register(program, ctx);
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
  });
});
