import { rmSync } from "node:fs";
import { ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type McpHttpHandle, type McpLimits, startMcpHttp } from "../../src/mcp/http.js";
import { type Db, openDb } from "../../src/store/db.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { connectClient, timedCall } from "../../tools/bench/mcp-load-client.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { fileDb } from "../helpers/db.js";
import { upToSumOrder } from "../helpers/float-sums.js";
import { connectInMemory, memoryLogger, testDeps, textOf } from "../helpers/mcp.js";
import { postRaw, rpc } from "./raw-http.js";

const NOW = "2026-11-26T12:00:00Z";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How the HTTP server operates under load, against a real file store with real worker threads:
 * shared and reused computations, admission with 503 + Retry-After, the per-call time budget,
 * a worker that dies, workers that exit when idle, and tools/list while a tool computes.
 */
describe("MCP over HTTP operation", { timeout: 120_000 }, () => {
  let db: Db;
  let dir: string;
  let path: string;
  const log = memoryLogger();
  const servers: McpHttpHandle[] = [];

  async function serve(limits: Partial<McpLimits>) {
    const s = await startMcpHttp(testDeps(db, NOW, log), { host: "127.0.0.1", port: 0, limits });
    servers.push(s);
    return s;
  }
  const callJson = (s: McpHttpHandle, id: number, name: string, args: object = {}) =>
    postRaw(s.url, JSON.stringify(rpc(id, "tools/call", { name, arguments: args })), { timeoutMs: 60_000 });
  const structured = (body: string) => JSON.parse(body).result.structuredContent;

  beforeAll(async () => {
    ({ db, dir, path } = await fileDb());
    await seedCostRows(db, { lastDay: "2026-11-25", days: 90 });
    // What an ingest does after it commits; otherwise the first reader refreshes the rollup (a write).
    await refreshSpendRollup(db);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers on a worker thread exactly what the in-process server answers, and lists the same tools", async () => {
    const s = await serve({ workers: 1 });
    const local = await connectInMemory(testDeps(db, NOW));
    const viaWorker = await callJson(s, 1, "get_spend_by_model", { groupBy: ["account"] });
    const inProcess = await local.client.callTool({
      name: "get_spend_by_model",
      arguments: { groupBy: ["account"] },
    });
    expect(structured(viaWorker.body)).toEqual(upToSumOrder(inProcess.structuredContent));
    expect(s.stats().workers).toBe(1);
    const listed = JSON.parse((await postRaw(s.url, JSON.stringify(rpc(2, "tools/list")))).body).result;
    expect(listed).toEqual(await local.client.request({ method: "tools/list" }, ListToolsResultSchema));
    await local.close();
  });

  it("shares one computation among identical concurrent calls and reuses it until the store changes", async () => {
    const s = await serve({ workers: 1, maxInFlight: 1 });
    const first = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callJson(s, i, "get_spend_by_model")),
    );
    expect(first.map((r) => r.status)).toEqual(Array(20).fill(200));
    const totals = new Set(first.map((r) => structured(r.body).totalCostUsd));
    expect(totals.size).toBe(1);
    expect(s.stats().computed).toBe(1);
    await callJson(s, 99, "get_spend_by_model");
    expect(s.stats().computed).toBe(1);
    // Another connection writes (as a `collect` process would): the next call computes afresh.
    const writer = await openDb(path);
    const row = await writer
      .selectFrom("cost_daily")
      .selectAll()
      .where("day", "=", "2026-11-20")
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await writer
      .insertInto("cost_daily")
      .values({ ...copy, cost_usd: 1000 })
      .execute();
    await refreshSpendRollup(writer);
    await writer.destroy();
    const after = await callJson(s, 100, "get_spend_by_model");
    expect(s.stats().computed).toBe(2);
    expect(structured(after.body).totalCostUsd).toBeGreaterThan([...totals][0]);
  });

  it("refuses calls that need new work beyond maxInFlight at once, with 503 and Retry-After", async () => {
    const s = await serve({ workers: 1, maxInFlight: 1, callTimeoutMs: 60_000 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => callJson(s, i, "detect_anomalies", { minImpactUsd: 20 + i })),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const b of busy) {
      const wait = Number(b.headers["retry-after"]);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(30);
      expect(b.ms).toBeLessThan(1000);
      expect(JSON.parse(b.body).error.message).toMatch(
        new RegExp(`busy.*mcp\\.maxInFlight.*retry after ${wait} s`),
      );
    }
    expect(s.stats().inFlight).toBe(0);
  });

  it("answers a call over its time budget with a clear error, stops its worker and keeps serving", async () => {
    const s = await serve({ workers: 1, callTimeoutMs: 20 });
    const expectTimeout = async (id: number) => {
      const r = await callJson(s, id, "detect_anomalies", { minImpactUsd: id, from: "2026-08-28" });
      expect(r.status).toBe(200);
      const result = JSON.parse(r.body).result;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^detect_anomalies: no answer within 0\.02 s .*mcp\.callTimeoutMs.*narrow/,
      );
    };
    // Waiting for a worker to start: the call times out, the start goes on.
    await expectTimeout(1);
    for (let i = 0; i < 300 && s.stats().readyWorkers === 0; i++) await sleep(50);
    expect(s.stats().readyWorkers).toBe(1);
    // Running: the caller is answered at its budget; the work may go on to 3 budgets (a retry
    // would find it done), then its worker is terminated (synchronous work cannot be interrupted).
    await expectTimeout(2);
    await sleep(300);
    expect(s.stats().workers).toBe(0);
    expect((await postRaw(s.url, JSON.stringify(rpc(3, "tools/list")))).status).toBe(200);
    expect(log.lines.join("\n")).toMatch(/mcp tool detect_anomalies is over its 20 ms budget/);
    expect(log.lines.join("\n")).toMatch(/mcp tool detect_anomalies: stopped after 0\.06 s of work/);
  });

  it("fails only the calls whose worker dies (out of memory), with the generic internal error", async () => {
    const s = await serve({ workers: 1, workerHeapMb: 4, callTimeoutMs: 60_000 });
    const r = await callJson(s, 1, "get_spend_by_model");
    const result = JSON.parse(r.body).result;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/get_spend_by_model failed with an internal error/);
    expect(log.lines.join("\n")).toMatch(/tool worker failed to start: .*(memory|code)/i);
  });

  it("keeps tools/list fast while a tool computes, and idle workers exit", async () => {
    const s = await serve({ workers: 1, workerIdleMs: 300 });
    let callDone = 0;
    const call = callJson(s, 1, "detect_anomalies").then((r) => {
      callDone = performance.now();
      return r;
    });
    await sleep(20);
    const list = await postRaw(s.url, JSON.stringify(rpc(2, "tools/list")));
    const listDone = performance.now();
    expect(list.status).toBe(200);
    expect(list.ms).toBeLessThan(500);
    expect((await call).status).toBe(200);
    expect(listDone).toBeLessThan(callDone);
    await sleep(2000);
    expect(s.stats().workers).toBe(0);
  });

  it("counts an SDK client's 503 as an answer, not a transport error", async () => {
    const s = await serve({ workers: 1, maxInFlight: 1, callTimeoutMs: 60_000 });
    const clients = await Promise.all([0, 1, 2, 3].map(() => connectClient(s.url, 30_000)));
    const records = await Promise.all(
      clients.map((c, i) => timedCall(c, "detect_anomalies", { minImpactUsd: 50 + i }, 30_000)),
    );
    expect(records.map((r) => r.outcome).sort()).toContain("busy");
    expect(records.filter((r) => r.outcome === "transport_error")).toEqual([]);
    for (const c of clients) await c.close();
  });
});
