import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import { parseConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { CONFIG, FIRST_ESTIMATED, NOW, seedCoverageOrg } from "../capabilities/coverage-fixture.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { fileDb } from "../helpers/db.js";
import { upToSumOrder } from "../helpers/float-sums.js";

/** `report anomalies` on the issue-10 store: incidents first, then data gaps, then the detail. */

let dbPath: string;
let configPath: string;

beforeAll(async () => {
  const f = await fileDb();
  dbPath = f.path;
  await seedCoverageOrg(f.db, { runaway: true });
  await f.db.destroy();
  configPath = join(f.dir, "bedrock-spend.config.yaml");
  writeFileSync(configPath, stringify(CONFIG));
}, 60_000);

const report = (...flags: string[]) =>
  finished(
    spawnCli(
      [
        "report",
        "anomalies",
        "--db",
        dbPath,
        "--config",
        configPath,
        "--from",
        FIRST_ESTIMATED,
        "--to",
        FIRST_ESTIMATED,
        ...flags,
      ],
      cliEnv({ BEDROCK_SPEND_NOW: NOW }),
    ),
  );

describe("report anomalies with incidents and data gaps", () => {
  it("prints the summary, then incidents, data gaps, coverage and the anomalies, in that order", async () => {
    const r = await report();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^1 incident, 1 data gap, \d+ anomalies 2026-11-17\.\.2026-11-17; largest: Spike: Claude Sonnet 4\.6 in prod/,
    );
    const at = (title: string) => lines.indexOf(title);
    expect(at("Incidents")).toBeGreaterThan(0);
    expect(at("Incidents")).toBeLessThan(at("Data gaps"));
    expect(at("Data gaps")).toBeLessThan(at("Coverage of estimated days (where not compared in full)"));
    expect(at("Coverage of estimated days (where not compared in full)")).toBeLessThan(at("Anomalies"));
    expect(r.stdout).toContain(
      "allow cloudwatch:GetMetricData in role arn:aws:iam::333333333333:role/BedrockSpendReadOnly",
    );
  });

  it("--json is exactly the capability's output", async () => {
    const r = await report("--json");
    expect(r.code).toBe(0);
    const db = await openDb(dbPath);
    try {
      const deps = { db, config: parseConfig(CONFIG), now: () => new Date(NOW), log: silentLogger };
      const input = cap.inputSchema.parse({ from: FIRST_ESTIMATED, to: FIRST_ESTIMATED });
      expect(JSON.parse(r.stdout)).toEqual(upToSumOrder(await cap.run(deps, input)));
    } finally {
      await db.destroy();
    }
  });
});
