import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { type McpHttpHandle, startMcpHttp } from "../../src/mcp/http.js";
import type { Db } from "../../src/store/db.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { memoryDb } from "../helpers/db.js";
import { INITIALIZE, rawPost } from "../helpers/http.js";
import { memoryLogger, testDeps, textOf } from "../helpers/mcp.js";
import { sumCostByModelAccount, testCapabilities } from "../helpers/test-capabilities.js";

const NOW = "2026-11-26T12:00:00Z";
const TOKEN = "test-token-0b7c9e";

async function connect(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: "http-test", version: "0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe("MCP over Streamable HTTP", () => {
  let db: Db;
  let open: McpHttpHandle;
  let guarded: McpHttpHandle;
  const log = memoryLogger();

  beforeAll(async () => {
    db = await memoryDb();
    await seedCostRows(db, { lastDay: "2026-11-25", days: 30 });
    const deps = testDeps(db, NOW, log);
    open = await startMcpHttp(deps, { host: "127.0.0.1", port: 0, capabilities: testCapabilities });
    guarded = await startMcpHttp(deps, {
      host: "127.0.0.1",
      port: 0,
      token: TOKEN,
      allowedHosts: ["spend.internal"],
      allowedOrigins: ["https://console.example.com"],
      capabilities: testCapabilities,
    });
  });
  afterAll(async () => {
    await open.close();
    await guarded.close();
    await db.destroy();
  });

  it("binds port 0 to a real port on 127.0.0.1 and serves /mcp", () => {
    expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(open.url).not.toMatch(/:0\/mcp$/);
  });

  it("answers tool calls through the real SDK client", async () => {
    const client = await connect(open.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(testCapabilities.map((c) => c.name).sort());
    const result = await client.callTool({ name: "sum_cost_by_model_account", arguments: {} });
    const out = sumCostByModelAccount.outputSchema.parse(result.structuredContent);
    expect(out.from).toBe("2026-11-01");
    expect(out.rows).toHaveLength(30);
    expect(textOf(result)).toMatch(/^\$[\d,.]+ on Bedrock from 2026-11-01 to 2026-11-26/);
    await client.close();
  });

  it("refuses a foreign Host header (DNS rebinding) with 403", async () => {
    const res = await rawPost(open.url, { host: "evil.example" }, INITIALIZE);
    expect(res.status).toBe(403);
    expect(res.body).toContain("evil.example");
    const port = new URL(open.url).port;
    const ok = await rawPost(open.url, { host: `localhost:${port}` }, INITIALIZE);
    expect(ok.status).toBe(200);
  });

  it("refuses a foreign Origin with 403 and accepts the loopback one", async () => {
    const port = new URL(open.url).port;
    const bad = await rawPost(open.url, { origin: "https://evil.example" }, INITIALIZE);
    expect(bad.status).toBe(403);
    const ok = await rawPost(open.url, { origin: `http://localhost:${port}` }, INITIALIZE);
    expect(ok.status).toBe(200);
  });

  it("accepts configured hosts and origins", async () => {
    const res = await rawPost(
      guarded.url,
      {
        host: "spend.internal:8443",
        origin: "https://console.example.com",
        authorization: `Bearer ${TOKEN}`,
      },
      INITIALIZE,
    );
    expect(res.status).toBe(200);
    const other = await rawPost(
      guarded.url,
      { host: "other.internal", authorization: `Bearer ${TOKEN}` },
      INITIALIZE,
    );
    expect(other.status).toBe(403);
  });

  it("requires the bearer token when one is set", async () => {
    const missing = await rawPost(guarded.url, {}, INITIALIZE);
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    const wrong = await rawPost(guarded.url, { authorization: "Bearer not-the-token" }, INITIALIZE);
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(TOKEN);
    await expect(connect(guarded.url)).rejects.toThrow();
    const client = await connect(guarded.url, { authorization: `Bearer ${TOKEN}` });
    expect((await client.listTools()).tools.length).toBe(testCapabilities.length);
    await client.close();
    expect(log.lines.join("\n")).not.toContain(TOKEN);
  });

  it("serves only /mcp and only POST (stateless)", async () => {
    const other = await rawPost(open.url.replace("/mcp", "/other"), {}, INITIALIZE);
    expect(other.status).toBe(404);
    const get = await fetch(open.url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });

  it("refuses to start on a non-loopback host without a token", async () => {
    const deps = testDeps(db, NOW);
    await expect(startMcpHttp(deps, { host: "0.0.0.0", port: 0 })).rejects.toThrow(UsageError);
    await expect(startMcpHttp(deps, { host: "0.0.0.0", port: 0 })).rejects.toThrow(/BEDROCK_SPEND_MCP_TOKEN/);
  });
});
