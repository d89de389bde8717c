import { rmSync } from "node:fs";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import { DEMO_NOW, demoStore } from "../../tools/bench/demo-store.js";
import { type McpChild, startMcpChild, writeBudgetConfig } from "../../tools/bench/mcp-child.js";
import { connectClient } from "../../tools/bench/mcp-load-client.js";
import { textOf } from "../helpers/mcp.js";
import { casesFor } from "./fuzz-values.js";

/** Per call: the server's own time budget plus the way back. */
const CALL_MS = 20_000;
const TOTAL_MS = 240_000;
const PEAK_RSS_MB = 600;

/**
 * Every tool, through the real SDK client over HTTP, with boundary dates, huge limits and odd
 * strings, one argument at a time. The server runs in its own process with a capped heap: each
 * call must come back as a result or a clear isError (naming the tool, no stack, no internals)
 * within the budget, and the process must stay up and under the memory budget throughout.
 */
describe("tool fuzz", { timeout: TOTAL_MS + 120_000 }, () => {
  let store: { dir: string; dbPath: string };
  let server: McpChild;
  let client: Client;
  let tools: Tool[];

  beforeAll(async () => {
    store = await demoStore();
    server = await startMcpChild({
      dbPath: store.dbPath,
      // A generous budget per call: the machine running the suite may be busy.
      configPath: writeBudgetConfig(store.dir, { callTimeoutMs: 15_000 }),
      now: DEMO_NOW,
      heapMb: 512,
    });
    client = await connectClient(server.url, CALL_MS);
    tools = (await client.listTools()).tools;
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    if (store) rmSync(store.dir, { recursive: true, force: true });
  });

  it("answers every call with a result or a clear error, within time and memory budgets", async () => {
    expect(tools.map((t) => t.name).sort()).toEqual(capabilities.map((c) => c.name).sort());
    const started = performance.now();
    const failures: string[] = [];
    let calls = 0;
    let results = 0;
    for (const tool of tools) {
      for (const args of casesFor(tool.inputSchema as never)) {
        const label = `${tool.name} ${JSON.stringify(args).slice(0, 120)}`;
        const t0 = performance.now();
        let r: Awaited<ReturnType<Client["callTool"]>>;
        try {
          r = await client.callTool({ name: tool.name, arguments: args }, undefined, { timeout: CALL_MS });
        } catch (err) {
          failures.push(`${label}: no answer (${(err as Error).message})`);
          if (server.child.exitCode !== null || server.child.signalCode !== null) break;
          continue;
        }
        calls++;
        const ms = performance.now() - t0;
        const text = textOf(r);
        if (ms > CALL_MS) failures.push(`${label}: ${Math.round(ms)} ms`);
        if (r.isError) {
          if (!text.includes(tool.name) && !/Input validation error/.test(text))
            failures.push(`${label}: error does not name the tool: ${text.slice(0, 200)}`);
          if (/\n\s+at |node_modules|\.ts:\d+/.test(text)) failures.push(`${label}: error leaks internals`);
          // Odd input is the caller's mistake: it must be refused as such, never crash the tool.
          if (/internal error|did not finish|no answer within/.test(text))
            failures.push(`${label}: ${text.slice(0, 160)}`);
        } else if (!r.structuredContent) failures.push(`${label}: result without structuredContent`);
        else results++;
      }
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        failures.push(`server died during ${tool.name}: ${server.stderr().slice(-500)}`);
        break;
      }
    }
    expect(failures.slice(0, 10), `${failures.length} failures`).toEqual([]);
    expect(calls).toBeGreaterThan(300);
    // Not only refusals: boundary values inside the bounds must reach the tools and answer.
    expect(results).toBeGreaterThan(50);
    expect(performance.now() - started).toBeLessThan(TOTAL_MS);
    expect(server.peakRssMb()).toBeLessThan(PEAK_RSS_MB);
    expect((await client.listTools()).tools.length).toBe(10);
  });
});
