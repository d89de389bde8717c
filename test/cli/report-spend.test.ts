import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { parseConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { addDays } from "../../src/util/dates.js";
import { silentLogger } from "../../src/util/log.js";
import { fileDb } from "../helpers/db.js";
import { billed, estimate, insertBilled, insertCurPeriod, insertEstimates } from "../helpers/spend-rows.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const CLI = join(ROOT, "src/cli.ts");
const NOW = "2026-11-26T15:00:00Z";
let dbPath: string;
let cwd: string;

/** Runs the real CLI in a child process (its own cwd: no config file, no default database). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(TSX, [CLI, ...args], {
      cwd,
      env: { ...process.env, BEDROCK_SPEND_NOW: NOW, BEDROCK_SPEND_CONFIG: "", BEDROCK_SPEND_DB: "" },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const f = await fileDb();
  dbPath = f.path;
  cwd = f.dir;
  await insertCurPeriod(f.db, "2026-11", "2026-11-24", "2026-11-25T04:00:00Z");
  const models = ["Claude Sonnet 4.6", "Nova Pro", "Llama 3.1 8B"];
  await insertBilled(
    f.db,
    ["2026-11-22", "2026-11-23", "2026-11-24"].flatMap((day, d) =>
      models.map((model, m) =>
        billed({ day, model, cost_usd: 1.1 * (m + 1) + d / 3, tokens: 1000 * (m + d + 1) }),
      ),
    ),
  );
  await insertEstimates(f.db, [
    estimate({ day: "2026-11-25", cost_usd: 2.25, tokens: 700 }),
    estimate({ day: "2026-11-25", model: "Unknown Model", cost_usd: null, tokens: 50 }),
  ]);
  await f.db.destroy();
});

describe("bedrock-spend report spend", () => {
  it("--json prints exactly the capability's structured output", async () => {
    const args = ["--from", "2026-11-22", "--to", "2026-11-26", "--by", "model,day"];
    const r = await cli(["report", "spend", "--db", dbPath, ...args, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const db = await openDb(dbPath);
    const deps = { db, config: parseConfig({}), now: () => new Date(NOW), log: silentLogger };
    const input = getSpendByModel.inputSchema.parse({
      from: "2026-11-22",
      to: "2026-11-26",
      groupBy: ["model", "day"],
    });
    const expected = await getSpendByModel.run(deps, input);
    await db.destroy();
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(expected.rows).toHaveLength(11);
    expect(expected.provenance.source).toBe("mixed");
  });

  it("--csv prints the rows, filters and limit applied", async () => {
    const r = await cli(
      ["--db", dbPath, "report", "spend", "--from", "2026-11-22", "--to", "2026-11-24"].concat([
        "--model",
        "Nova Pro",
        "--model",
        "Llama 3.1 8B",
        "--by",
        "day,model",
        "--limit",
        "4",
        "--csv",
      ]),
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("day,model,costUsd,tokens,share,unpricedTokens");
    expect(lines).toHaveLength(5);
    const first = lines[1].split(",");
    expect(first.slice(0, 2)).toEqual(["2026-11-24", "Llama 3.1 8B"]);
    expect(Number(first[2])).toBeCloseTo(3.3 + 2 / 3, 12);
  });

  it("prints the summary and the table by default", async () => {
    const r = await cli(["--db", dbPath, "report", "spend", "--from", "2026-11-22", "--to", "2026-11-25"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^Bedrock spend 2026-11-22 → 2026-11-25: \$\d+\.\d\d \(mixed: billed through 2026-11-24/,
    );
    expect(lines[0]).toContain("50 tokens without a known price not included");
    expect(lines[0]).not.toContain("no cost data");
    expect(r.stdout).toMatch(/\nTOTAL +\$/);
  });

  it("says in the terminal which days have no cost data yet, and what anomaly detection skipped", async () => {
    // Billed through the 24th, estimated on the 25th, nothing yet on the 26th (today).
    const spend = await cli(["--db", dbPath, "report", "spend", "--from", "2026-11-22"]);
    expect(spend.code).toBe(0);
    expect(spend.stdout.split("\n")[0]).toContain(
      "(mixed: billed through 2026-11-24, estimated from 2026-11-25); no cost data after 2026-11-25 yet: 2026-11-26 unknown, not $0",
    );
    const anomalies = await cli(["--db", dbPath, "report", "anomalies", "--granularity", "day"]);
    expect(anomalies.code).toBe(0);
    const lines = anomalies.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^0 incidents, 0 data gaps, 0 anomalies 2026-11-\d\d\.\.2026-11-26 \(evaluated through 2026-11-25\)$/,
    );
    expect(lines[1]).toBe("note: no cost data after 2026-11-25; 2026-11-26 not evaluated (unknown, not $0)");
  });

  // Independent child processes: run them side by side.
  it.concurrent.each([
    [["--from", "2026-11-10", "--to", "2026-11-01"], /--from.*must not be after to/],
    [["--by", "model,colour"], /--by.*unknown group-by key "colour"/],
    [["--tag", 'te"am=x'], /bad tag key/],
    [["--tag", "team"], /--tag "team": expected key=value/],
    [["--source", "invoice"], /--source/],
    [["--limit", "many"], /--limit "many": expected a number/],
  ])("bad flags %j exit 2 with one line", async (flags, message) => {
    const r = await cli(["--db", dbPath, "report", "spend", ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("announces a large pending rollup rebuild on stderr once, then answers from it", async () => {
    const f = await fileDb();
    // Forty days written by triggers alone (as an older version or an upgrade leaves them).
    const days = Array.from({ length: 40 }, (_, i) => addDays("2026-10-01", i));
    await insertBilled(
      f.db,
      days.map((day, i) => billed({ day, cost_usd: 1 + i / 100 })),
    );
    await f.db.destroy();
    const args = [
      "report",
      "spend",
      "--db",
      f.path,
      "--from",
      "2026-10-01",
      "--to",
      "2026-11-09",
      "--source",
      "billed",
      "--json",
    ];
    const first = await cli(args);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /^spend rollup: summarizing 40 days of cost rows once .*\nspend rollup: rebuilt in \d+\.\d s\n$/,
    );
    expect(JSON.parse(first.stdout).totalCostUsd).toBeCloseTo(40 + (39 * 40) / 2 / 100, 9);
    const second = await cli(args);
    expect(second.stderr).toBe("");
    expect(second.stdout).toBe(first.stdout);
  });
});
