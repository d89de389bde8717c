import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCapability } from "../../src/capabilities/types.js";
import { CliContext, needsAws } from "../../src/cli/context.js";
import { MANAGEMENT_ACCOUNT } from "../../src/sandbox/org-data.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { CLI_ARGS, cliEnv, finished, REPO_ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";

/** An openWorld capability as onboarding's are: it asks AWS who the base identity is. */
const whoAmI = defineCapability({
  name: "who_am_i",
  title: "Who am I",
  description: "The AWS account of the base identity",
  inputSchema: z.object({}),
  outputSchema: z.object({ account: z.string() }),
  openWorld: true,
  async run(deps) {
    if (!deps.aws) throw new Error("no AWS access in deps");
    const id = await deps.aws.clients(null, "us-east-1").sts.send(new GetCallerIdentityCommand({}));
    return { account: id.Account ?? "" };
  },
  summarize: (o) => o.account,
  table: (o) => ({ headers: ["account"], rows: [[o.account]] }),
  rowsKey: "account",
  report: "who-am-i",
});

describe("CliContext AWS access", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: new Date("2026-11-26T12:00:00Z") });
  });
  afterAll(() => sb.close());

  it("gives openWorld capabilities live AWS access, built once, and none to the others", async () => {
    const ctx = new CliContext(() => ({ db: ":memory:" }), { ...sb.env });
    expect(needsAws([whoAmI])).toBe(true);
    const plain = await ctx.deps();
    expect(plain.aws).toBeUndefined();
    const deps = await ctx.deps({ aws: needsAws([whoAmI]) });
    expect(await whoAmI.run(deps, {})).toEqual({ account: MANAGEMENT_ACCOUNT });
    expect((await ctx.deps({ aws: true })).aws).toBe(deps.aws);
    await ctx.close();
  });

  it("a command that needs AWS loads it on demand (prices refresh against the sandbox)", async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        ...CLI_ARGS.slice(0, 2),
        "--import",
        "./test/helpers/loaded-packages.mjs",
        ...CLI_ARGS.slice(2),
        "prices",
        "refresh",
        "--region",
        "us-east-1",
        "--json",
      ],
      {
        cwd: REPO_ROOT,
        env: cliEnv({
          BEDROCK_SPEND_DB: `${dir}/store.db`,
          LOADED_PACKAGES_FILE: `${dir}/loaded.json`,
          ...sb.env,
        }),
        stdio: "pipe",
      },
    );
    const run = await finished(child);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).prices).toBeGreaterThan(0);
    const loaded = JSON.parse(readFileSync(`${dir}/loaded.json`, "utf8")) as string[];
    expect(loaded).toContain("@aws-sdk/client-pricing");
    expect(loaded).not.toContain("@slack/bolt");
  });
});
