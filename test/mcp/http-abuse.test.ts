import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type McpHttpHandle, startMcpHttp } from "../../src/mcp/http.js";
import type { Db } from "../../src/store/db.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { fileDb } from "../helpers/db.js";
import { INITIALIZE } from "../helpers/http.js";
import { memoryLogger, testDeps } from "../helpers/mcp.js";
import { postRaw, rpc } from "./raw-http.js";

const NOW = "2026-11-26T12:00:00Z";
const FAST_MS = 1000;

/** JSON-RPC error object of a refused request, parsed from its body. */
function rpcError(body: string): { code: number; message: string } {
  return (JSON.parse(body) as { error: { code: number; message: string } }).error;
}

describe("MCP over HTTP refuses abusive requests fast (4xx within a second)", () => {
  let db: Db;
  let dir: string;
  let server: McpHttpHandle;

  beforeAll(async () => {
    ({ db, dir } = await fileDb());
    await seedCostRows(db, { lastDay: "2026-11-25", days: 90 });
    server = await startMcpHttp(testDeps(db, NOW, memoryLogger()), { host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a JSON-RPC batch (the current MCP revision has none) without running any of it", async () => {
    const batch = Array.from({ length: 100 }, (_, i) =>
      rpc(i + 1, "tools/call", { name: "detect_anomalies" }),
    );
    const res = await postRaw(server.url, JSON.stringify(batch));
    expect(res.status).toBe(400);
    expect(res.ms).toBeLessThan(FAST_MS);
    expect(rpcError(res.body)).toMatchObject({ code: -32600, message: expect.stringMatching(/batch/i) });
  });

  it("refuses a batch of initialize requests and an empty batch", async () => {
    const inits = Array.from({ length: 100 }, (_, i) => ({ ...INITIALIZE, id: i + 1 }));
    for (const body of [JSON.stringify(inits), "[]", "[ ]"]) {
      const res = await postRaw(server.url, body);
      expect(res.status, body.slice(0, 20)).toBe(400);
      expect(res.ms).toBeLessThan(FAST_MS);
      expect(rpcError(res.body).code).toBe(-32600);
    }
  });

  it("refuses a 10,000-deep nested array, bare or inside tool arguments, before parsing it", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const inArgs =
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_spend_by_model",' +
      `"arguments":{"filters":{"model":${deep}}}}}`;
    for (const body of [deep, inArgs]) {
      const res = await postRaw(server.url, body);
      expect(res.status).toBe(400);
      expect(res.ms).toBeLessThan(FAST_MS);
      expect(rpcError(res.body).message).toMatch(/nest/i);
    }
  });

  it("refuses an oversized body with 413, by its Content-Length or while it streams", async () => {
    const big = JSON.stringify(rpc(1, "tools/list", { pad: "x".repeat(5 * 1024 * 1024) }));
    for (const chunked of [false, true]) {
      const res = await postRaw(server.url, big, { chunked });
      expect(res.status, `chunked ${chunked}`).toBe(413);
      expect(res.ms).toBeLessThan(FAST_MS);
      expect(rpcError(res.body).message).toMatch(/too large/i);
    }
  });

  it("still answers a normal request right after", async () => {
    const res = await postRaw(server.url, JSON.stringify(INITIALIZE));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(FAST_MS);
  });
});
