import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { detectAnomaliesCapability } from "../../src/capabilities/detect-anomalies.js";
import { forecastSpendCapability } from "../../src/capabilities/forecast-spend.js";
import { budgetStatusCapability } from "../../src/capabilities/get-budget-status.js";
import { loadConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { silentLogger } from "../../src/util/log.js";
import { BOB, NOW, seedOrg } from "../capabilities/analysis-fixture.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { fileDb } from "../helpers/db.js";

/**
 * `report anomalies|budgets|forecast --json` in a child process on a real SQLite file, with the
 * clock pinned: stdout must be exactly what the capability returns for the same store and config.
 */

let dbPath: string;
let configPath: string;

beforeAll(async () => {
  const f = await fileDb();
  dbPath = f.path;
  await seedOrg(f.db, { day: "2026-11-10", usd: 1500 });
  // As the product's writers leave a store: rolled up after the write (a store with a month of
  // pending days would announce its rebuild on stderr, see report-spend.test.ts).
  await refreshSpendRollup(f.db);
  await f.db.destroy();
  configPath = join(f.dir, "bedrock-spend.config.yaml");
  writeFileSync(
    configPath,
    [
      "budgets:",
      "  - name: all-bedrock",
      "    monthlyUsd: 50000",
      "  - name: research-bob",
      "    monthlyUsd: 2000",
      "    scope:",
      `      principal: "${BOB}"`,
      "",
    ].join("\n"),
  );
});

function cli(args: string[]) {
  return finished(spawnCli(["--config", configPath, ...args], cliEnv({ BEDROCK_SPEND_NOW: NOW })));
}

const CAPABILITIES = {
  anomalies: detectAnomaliesCapability,
  budgets: budgetStatusCapability,
  forecast: forecastSpendCapability,
} as const;

async function capabilityOutput(report: keyof typeof CAPABILITIES, input: unknown) {
  const cap = CAPABILITIES[report];
  const db = await openDb(dbPath);
  try {
    const deps = { db, config: loadConfig(configPath).config, now: () => new Date(NOW), log: silentLogger };
    // biome-ignore lint/suspicious/noExplicitAny: each capability parses its own input just above
    return await cap.run(deps, cap.inputSchema.parse(input) as any);
  } finally {
    await db.destroy();
  }
}

describe("report anomalies|budgets|forecast --json", () => {
  it.concurrent.each([
    ["anomalies", [], {}],
    [
      "anomalies",
      ["--dimension", "principal", "--min-impact-usd", "100"],
      { dimension: "principal", minImpactUsd: 100 },
    ],
    ["budgets", [], {}],
    ["budgets", ["--month", "2026-10"], { month: "2026-10" }],
    ["forecast", [], {}],
    ["forecast", ["--dimension", "principal"], { dimension: "principal" }],
  ] as const)("report %s %j prints the capability's output", async (report, flags, input) => {
    const r = await cli(["report", report, "--db", dbPath, ...flags, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const expected = await capabilityOutput(report, input);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it("the JSON carries real findings, not an empty shell", async () => {
    const anomalies = JSON.parse((await cli(["report", "anomalies", "--db", dbPath, "--json"])).stdout);
    expect(anomalies.anomalies.some((a: { date: string }) => a.date === "2026-11-10")).toBe(true);
    const budgets = JSON.parse((await cli(["report", "budgets", "--db", dbPath, "--json"])).stdout);
    expect(budgets.budgets.map((b: { name: string }) => b.name)).toEqual(["all-bedrock", "research-bob"]);
    expect(budgets.budgets[1].actualUsd).toBeGreaterThan(2000);
  });

  it.concurrent.each([
    ["anomalies", ["--from", "2026-11-10", "--to", "2026-11-01"], /from 2026-11-10 is after to 2026-11-01/],
    ["anomalies", ["--dimension", "colour"], /--dimension/],
    ["anomalies", ["--min-impact-usd", "lots"], /--min-impact-usd/],
    ["anomalies", ["--granularity", "week"], /--granularity/],
    ["budgets", ["--month", "2026-13"], /--month/],
    ["forecast", ["--limit", "many"], /--limit "many": expected a number/],
    ["forecast", ["--by", "colour"], /--by/],
  ])("report %s %j exits 2 with one line on stderr", async (report, flags, message) => {
    const r = await cli(["report", report, "--db", dbPath, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
