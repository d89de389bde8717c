import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { cliEnv, finished, spawnCli, waitForStderr } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { PROD, sandboxAccount } from "../helpers/sandbox.js";

const TOKEN = "ops-token-5e0b77";
const NOW = "2026-11-26T12:00:00Z";

/** GET with full control of Host/Origin (fetch forbids setting Host). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

/** The value of one sample line, e.g. `name{a="b"} 3`; undefined when absent. */
function sample(metrics: string, line: string): number | undefined {
  const hit = metrics.split("\n").find((l) => l.startsWith(`${line} `));
  return hit === undefined ? undefined : Number(hit.slice(line.length + 1));
}

function configFile(config: unknown): string {
  const path = `${tempDir()}/bedrock-spend.config.yaml`;
  writeFileSync(path, stringify(config));
  return path;
}

describe("serve health, readiness and metrics (real processes)", { timeout: 90_000 }, () => {
  let fake: FakeSlack;
  let sb: Sandbox;
  beforeAll(async () => {
    fake = await startFakeSlack();
    sb = await startSandbox({ now: new Date(NOW), logHours: 1 });
  });
  afterAll(async () => {
    await fake.close();
    await sb.close();
  });

  it("on the MCP port: /healthz, /readyz, token-guarded /metrics counting tool calls; JSON logs without secrets", async () => {
    const secrets = {
      BEDROCK_SPEND_MCP_TOKEN: TOKEN,
      SLACK_BOT_TOKEN: "xoxb-ops-secret-1",
      SLACK_SIGNING_SECRET: "ops-signing-secret-2",
      AWS_SECRET_ACCESS_KEY: "ops/aws/secret/key/3",
    };
    const child = spawnCli(
      ["--config", configFile({ mcp: { port: 0 }, slack: { port: 0 } }), "serve"],
      cliEnv({
        ...secrets,
        BEDROCK_SPEND_DB: `${tempDir()}/store.db`,
        BEDROCK_SPEND_LOG_FORMAT: "json",
        BEDROCK_SPEND_NOW: NOW,
        AWS_ACCESS_KEY_ID: "AKIAOPSTESTKEY000001",
        SLACK_API_URL: fake.apiUrl,
      }),
    );
    const done = finished(child);
    const [, mcpUrl] = await waitForStderr(child, /MCP listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
    const base = mcpUrl.replace(/\/mcp$/, "");

    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}\n' });
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: "ready", store: "ok", maxAgeMinutes: null });
    expect((await get(`${base}/healthz`, { origin: "http://evil.example" })).status).toBe(403);
    expect((await get(`${base}/metrics`)).status).toBe(401);
    expect((await get(`${base}/metrics`, { ...auth, host: "evil.example" })).status).toBe(403);

    const client = new Client({ name: "ops-test", version: "0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: auth } }),
    );
    await client.callTool({
      name: "get_spend_by_model",
      arguments: { from: "2026-11-01", to: "2026-11-26" },
    });
    await client.close();
    expect((await get(`${mcpUrl}`, { authorization: "Bearer wrong" })).status).toBe(401);

    const m = await get(`${base}/metrics`, auth);
    expect(m.status).toBe(200);
    const tool = 'tool="get_spend_by_model"';
    expect(sample(m.body, `bedrock_spend_mcp_tool_calls_total{${tool},outcome="ok"}`)).toBe(1);
    expect(sample(m.body, `bedrock_spend_mcp_tool_seconds_count{${tool}}`)).toBe(1);
    expect(sample(m.body, "bedrock_spend_store_query_seconds_count")).toBeGreaterThan(0);
    expect(m.body).toContain("# TYPE bedrock_spend_aws_calls_total counter");
    expect(m.body).toContain("# TYPE bedrock_spend_cur_lines_ingested_total counter");

    child.kill("SIGTERM");
    const run = await done;
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split("\n");
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(Object.keys(entry)).toEqual(["time", "level", "msg"]);
    }
    expect(lines.some((l) => /rejected GET \/mcp: missing or wrong bearer token/.test(l))).toBe(true);
    for (const v of Object.values(secrets)) expect(run.stderr).not.toContain(v);
  });

  it("--ops-port: /readyz fails until a scheduled collection succeeds; AWS calls and runs are counted per source", async () => {
    const account = sandboxAccount(PROD, { regions: ["us-east-1"] });
    const schedule = {
      metrics: "*/2 * * * * *",
      logs: "0 0 1 1 *",
      inventory: "0 0 1 1 *",
      cur: "0 0 1 1 *",
    };
    const config = { accounts: [account], collect: { backfillDays: 1, schedule }, mcp: { port: 0 } };
    const child = spawnCli(
      ["--config", configFile(config), "serve", "--ops-port", "0"],
      cliEnv({ ...sb.env, BEDROCK_SPEND_DB: `${tempDir()}/store.db`, BEDROCK_SPEND_NOW: NOW }),
    );
    const done = finished(child);
    const [, base] = await waitForStderr(child, /health and metrics on (http:\/\/127\.0\.0\.1:\d+)/);
    const first = JSON.parse((await get(`${base}/readyz`)).body);
    if (first.status === "not ready") expect(first.problems).toEqual(["no collection has succeeded yet"]);
    expect((await get(`${base}/mcp`)).status).toBe(404);

    let metrics = "";
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      metrics = (await get(`${base}/metrics`)).body;
      if (sample(metrics, 'bedrock_spend_collection_runs_total{source="metrics",status="ok"}')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(
      sample(metrics, 'bedrock_spend_collection_runs_total{source="metrics",status="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      sample(metrics, 'bedrock_spend_aws_calls_total{service="cloudwatch",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(sample(metrics, 'bedrock_spend_aws_calls_total{service="sts",outcome="ok"}')).toBeGreaterThan(0);
    const ready = await get(`${base}/readyz`);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: "ready",
      lastCollectionAt: new Date(NOW).toISOString(),
      maxAgeMinutes: 180,
    });
    expect(ready.status).toBe(200);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });

  it("/readyz is 503 naming the problem when collection is configured but never succeeded", async () => {
    const never = { metrics: "0 0 1 1 *", logs: "0 0 1 1 *", inventory: "0 0 1 1 *", cur: "0 0 1 1 *" };
    const config = { accounts: [sandboxAccount(PROD)], collect: { schedule: never }, mcp: { port: 0 } };
    const child = spawnCli(
      ["--config", configFile(config), "serve"],
      cliEnv({ ...sb.env, BEDROCK_SPEND_DB: `${tempDir()}/store.db`, BEDROCK_SPEND_NOW: NOW }),
    );
    const done = finished(child);
    const [, mcpUrl] = await waitForStderr(child, /MCP listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
    const r = await get(mcpUrl.replace(/\/mcp$/, "/readyz"));
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({
      status: "not ready",
      store: "ok",
      problems: ["no collection has succeeded yet"],
    });
    expect((await get(mcpUrl.replace(/\/mcp$/, "/healthz"))).status).toBe(200);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });
});
