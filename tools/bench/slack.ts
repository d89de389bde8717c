import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileDb } from "../../test/helpers/db.js";
import { startFakeSlack } from "../../test/helpers/fake-slack.js";
import { postSigned, slashBody } from "../../test/helpers/slack-request.js";
import { fillSpendData } from "./spend-data.js";
import type { Bench, BenchResult } from "./types.js";

const SECRET = "bench-secret";
const COMMANDS = ["30d by model", "mtd by principal", "7d by account", "last-month by tag:team", "yesterday"];
const ROUNDS = 4;
const ROOT = resolve(import.meta.dirname, "../..");

const pctile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * Slash command latency end to end, as Slack sees it: the app runs in its own process
 * (`bedrock-spend slack --http --port 0`) on a large store; this process signs the requests, times
 * the ack (Slack allows 3 s) and the answer arriving at response_url (a local fake Slack).
 */
export const slackBench: Bench = {
  name: "slack",
  async run(): Promise<BenchResult[]> {
    const { db, dir, path } = await fileDb();
    const { billedRows } = await fillSpendData(db, {
      lastDay: "2026-11-26",
      days: 90,
      accounts: 20,
      models: 30,
    });
    await db.destroy();
    const fake = await startFakeSlack();
    const child = spawn(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "src/cli.ts"), "slack", "--http", "--port", "0"],
      {
        cwd: dir,
        env: {
          ...process.env,
          BEDROCK_SPEND_DB: path,
          BEDROCK_SPEND_CONFIG: "",
          BEDROCK_SPEND_NOW: "2026-11-26T12:00:00Z",
          SLACK_BOT_TOKEN: "xoxb-bench",
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: fake.apiUrl,
        },
      },
    );
    let stderr = "";
    const port = await new Promise<number>((res, rej) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m) res(Number(m[1]));
      });
      child.on("exit", () => rej(new Error(`slack app exited: ${stderr}`)));
    });
    const acks: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < ROUNDS * COMMANDS.length; i++) {
      const before = fake.of("response_url").length;
      const body = slashBody({
        text: COMMANDS[i % COMMANDS.length],
        responseUrl: `${fake.url}/response/${i}`,
      });
      const t0 = performance.now();
      await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET });
      acks.push(performance.now() - t0);
      await fake.waitFor("response_url", before + 1, 60_000);
      answers.push(fake.of("response_url")[before].at - t0);
    }
    await new Promise((res) => {
      child.on("exit", res);
      child.kill("SIGTERM");
    });
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    const r = (metric: string, value: number, unit = "ms", target?: number): BenchResult => ({
      bench: "slack",
      metric,
      value,
      unit,
      ...(target ? { target: `< ${target}`, pass: value < target } : {}),
    });
    return [
      r("store rows", billedRows, "rows"),
      r("ack p50", pctile(acks, 0.5)),
      r("ack p95", pctile(acks, 0.95), "ms", 3000),
      r("answer p50", pctile(answers, 0.5)),
      r("answer p95", pctile(answers, 0.95), "ms", 3000),
    ];
  },
};
