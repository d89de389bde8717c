import { execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { fileDb } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { postSigned, slashBody } from "../helpers/slack-request.js";
import { billed, insertBilled, insertCurPeriod } from "../helpers/spend-rows.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const CLI = join(ROOT, "src/cli.ts");
const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const TOKEN = "xoxb-secret-token-123";
const SECRET = "cli-signing-secret";

let fake: FakeSlack;
let db: Db;
let dir: string;
let env: NodeJS.ProcessEnv;

async function cli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  try {
    const r = await promisify(execFile)(TSX, [CLI, ...args], { cwd: dir, env: { ...env, ...extra } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  fake = await startFakeSlack();
  const f = await fileDb();
  db = f.db;
  dir = f.dir;
  writeFileSync(join(dir, "config.yaml"), 'slack:\n  channel: "C0ALERTS"\n');
  await insertBilled(db, [billed({ day: "2026-11-25", cost_usd: 42.5 })]);
  await insertCurPeriod(db, "2026-11", "2026-11-25", "2026-11-26T04:00:00Z");
  await db
    .insertInto("ingest_log")
    .values({
      source: "s3://cur",
      period: "2026-11",
      status: "ok",
      files: "[]",
      rows_read: 1,
      bedrock_rows: 1,
      skipped_rows: 0,
      cost_usd: 42.5,
      warnings: "[]",
      error: null,
      started_at: "2026-11-24T08:00:00Z",
      finished_at: "2026-11-24T08:00:00Z",
    })
    .execute();
  env = {
    ...process.env,
    BEDROCK_SPEND_NOW: "2026-11-26T12:00:00Z",
    BEDROCK_SPEND_DB: f.path,
    BEDROCK_SPEND_CONFIG: join(dir, "config.yaml"),
    SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_APP_TOKEN: "",
  };
});
afterAll(async () => {
  await db.destroy();
  await fake.close();
});

// Each CLI run starts a fresh tsx process (~2-3 s on a busy machine).
describe("bedrock-spend slack", { timeout: 90_000 }, () => {
  it("missing env exits 2 naming the variable and where to get it", async () => {
    const r = await cli(["slack", "run-alerts"], { SLACK_BOT_TOKEN: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SLACK_BOT_TOKEN is not set: use the Bot User OAuth Token (xoxb-…)");
    const s = await cli(["slack", "--http"], { SLACK_SIGNING_SECRET: "" });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("SLACK_SIGNING_SECRET is not set");
    const m = await cli(["slack"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("SLACK_APP_TOKEN is not set");
  });

  it("run-alerts posts the stale-collection warning once; send-digest posts once", async () => {
    const first = await cli(["slack", "run-alerts"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      posted: ["collection:stale:2026-11-24T08:00:00Z"],
      updated: [],
      failed: [],
    });
    expect(JSON.parse((await cli(["slack", "run-alerts"])).stdout)).toEqual({
      posted: [],
      updated: [],
      failed: [],
    });
    const digest = await cli(["slack", "send-digest"]);
    expect(digest.code).toBe(0);
    expect(JSON.parse(digest.stdout)).toMatchObject({ posted: true, channel: "C0ALERTS" });
    expect(JSON.parse((await cli(["slack", "send-digest"])).stdout)).toMatchObject({ posted: false });
    const posts = fake.of("chat.postMessage");
    expect(posts.map((p) => String(p.args.text).slice(0, 40))).toEqual([
      "Collection is stale: last success 2026-1",
      "Bedrock spend digest 2026-11-26: yesterd",
    ]);
    expect(String(posts[1].args.text)).toContain("yesterday $42.50");
    expect(first.stdout + first.stderr + digest.stdout + digest.stderr).not.toContain(TOKEN);
  });

  it("slack --http --port 0 serves signed slash commands and stops on SIGTERM", async () => {
    // node --import tsx (not the tsx wrapper): the signal must reach our process, not a relay.
    const child = spawn(process.execPath, ["--import", TSX_LOADER, CLI, "slack", "--http", "--port", "0"], {
      cwd: dir,
      env,
    });
    let stderr = "";
    const port = await new Promise<number>((res, rej) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m) res(Number(m[1]));
      });
      child.on("exit", () => rej(new Error(`exited early: ${stderr}`)));
    });
    const body = slashBody({ text: "yesterday", responseUrl: `${fake.url}/response/cli` });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET })).status).toBe(
      200,
    );
    const [reply] = await fake.waitFor("response_url", 1);
    expect(reply.args.text).toBe("Bedrock spend 2026-11-25: $42.50, top model Claude Sonnet 4.6 100%");
    const code = await new Promise<number | null>((res) => {
      child.on("exit", res);
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    expect(stderr).not.toContain(SECRET);
  });
});
