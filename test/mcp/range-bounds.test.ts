import { rmSync } from "node:fs";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { addDays } from "../../src/util/dates.js";
import { type McpChild, startMcpChild, writeBudgetConfig } from "../../tools/bench/mcp-child.js";
import { connectClient } from "../../tools/bench/mcp-load-client.js";
import { seedCostRows } from "../../tools/bench/seed-cost-rows.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";
import { textOf } from "../helpers/mcp.js";

const NOW = "2026-11-26T12:00:00Z";
const LAST_DAY = "2026-11-25";
const DAYS = 90;
const FIRST_DAY = addDays(LAST_DAY, -(DAYS - 1));
/** Well inside what a bounded call costs on this store; an unbounded range ran for minutes. */
const CALL_MS = 8000;

type Structured = Record<string, unknown> & { from?: string; to?: string; notes?: string[] };

/**
 * Every tool's date range is bounded: a day outside the supported calendar is refused naming the
 * argument and the allowed range; a range reaching past the stored data is clamped to it. The
 * server runs in its own process with a small heap, so an unbounded range fails this test in
 * seconds (out of memory) instead of running for minutes.
 */
describe("date ranges are bounded", { timeout: 120_000 }, () => {
  let dir: string;
  let dbPath: string;
  let server: McpChild;
  let client: Client;

  async function call(name: string, args: Record<string, unknown>) {
    const t0 = performance.now();
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });
    expect(performance.now() - t0, `${name} ${JSON.stringify(args)}`).toBeLessThan(CALL_MS);
    return { isError: r.isError === true, text: textOf(r), out: (r.structuredContent ?? {}) as Structured };
  }

  beforeAll(async () => {
    dir = tempDir();
    dbPath = `${dir}/store.db`;
    const db = await openDb(dbPath);
    await seedCostRows(db, { lastDay: LAST_DAY, days: DAYS });
    await db.destroy();
    server = await startMcpChild({ dbPath, configPath: writeBudgetConfig(dir), now: NOW, heapMb: 384 });
    client = await connectClient(server.url, CALL_MS);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["detect_anomalies", { from: "0000-01-01" }, "from"],
    ["detect_anomalies", { to: "9999-12-31" }, "to"],
    ["get_spend_by_model", { from: "0000-01-01" }, "from"],
    ["get_token_usage", { to: "9999-12-31" }, "to"],
    ["reconcile_spend", { from: "0000-01-01" }, "from"],
    ["get_budget_status", { month: "0000-01" }, "month"],
    ["get_budget_status", { month: "9999-12" }, "month"],
  ])("%s %j is refused naming %s and the supported range", async (name, args, field) => {
    const r = await call(name, args);
    expect(r.isError).toBe(true);
    expect(r.text).toContain(field);
    expect(r.text).toMatch(/2000-01(-01)?\.\.2099-12(-31)?/);
    expect(server.child.exitCode).toBeNull();
  });

  it("clamps a range that starts before the stored data to its first day, with the same totals", async () => {
    const wide = await call("get_spend_by_model", { from: "2000-01-01", to: "2099-12-31" });
    expect(wide.isError).toBe(false);
    expect(wide.out.from).toBe(FIRST_DAY);
    expect(wide.out.to).toBe("2026-11-26");
    const exact = await call("get_spend_by_model", { from: FIRST_DAY });
    expect(wide.out.totalCostUsd).toBe(exact.out.totalCostUsd);
  });

  it("clamps detect_anomalies and says so in its notes", async () => {
    const r = await call("detect_anomalies", { from: "2000-01-01", to: "2099-12-31" });
    expect(r.isError).toBe(false);
    expect(r.out.from).toBe(FIRST_DAY);
    expect(r.out.to).toBe("2026-11-26");
    expect(r.out.notes?.join("\n")).toMatch(/from 2000-01-01 .*2026-08-28/);
  });

  it("refuses a range entirely after the stored data, naming the allowed range", async () => {
    const r = await call("get_token_usage", { from: "2099-01-01", to: "2099-01-31" });
    expect(r.isError).toBe(true);
    expect(r.text).toContain(`from 2099-01-01`);
    expect(r.text).toContain(`${FIRST_DAY}..2026-11-26`);
  });

  it("`report anomalies --from 0000-01-01` exits 2 at once naming --from", async () => {
    const env = cliEnv({
      BEDROCK_SPEND_DB: dbPath,
      BEDROCK_SPEND_NOW: NOW,
      NODE_OPTIONS: "--max-old-space-size=384",
    });
    const t0 = performance.now();
    const child = spawnCli(["report", "anomalies", "--from", "0000-01-01"], env);
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const { code, stderr } = await finished(child);
    clearTimeout(killer);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/--from.*0000-01-01.*2000-01-01\.\.2099-12-31/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
