import { beforeAll, describe, expect, it } from "vitest";
import { detectAnomaliesCapability as cap } from "../../src/capabilities/detect-anomalies.js";
import { parseConfig } from "../../src/config.js";
import { openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";
import { A3, NOW, RUNAWAY_HOURS, seedHourlyOrg } from "../capabilities/hourly-fixture.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { fileDb } from "../helpers/db.js";
import { upToSumOrder } from "../helpers/float-sums.js";

/** `report anomalies --granularity hour --json` in a child process on a real SQLite file, clock pinned. */

let dbPath: string;

beforeAll(async () => {
  const f = await fileDb();
  dbPath = f.path;
  await seedHourlyOrg(f.db, { runaway: true });
  await f.db.destroy();
});

describe("report anomalies --granularity hour", () => {
  it("--json prints exactly the capability's output, with the runaway hours in it", async () => {
    const flags = ["--granularity", "hour", "--dimension", "account"];
    const r = await finished(
      spawnCli(
        ["report", "anomalies", "--db", dbPath, ...flags, "--json"],
        cliEnv({ BEDROCK_SPEND_NOW: NOW }),
      ),
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const db = await openDb(dbPath);
    try {
      const deps = { db, config: parseConfig({}), now: () => new Date(NOW), log: silentLogger };
      const input = cap.inputSchema.parse({ granularity: "hour", dimension: "account" });
      expect(printed).toEqual(upToSumOrder(await cap.run(deps, input)));
    } finally {
      await db.destroy();
    }
    expect(printed.anomalies.map((a: { hour: string; key: string }) => [a.hour, a.key]).sort()).toEqual(
      RUNAWAY_HOURS.map((h) => [h, A3]),
    );
  });

  it("the table shows the hour bucket", async () => {
    const r = await finished(
      spawnCli(
        ["report", "anomalies", "--db", dbPath, "--granularity", "hour", "--dimension", "total"],
        cliEnv({ BEDROCK_SPEND_NOW: NOW }),
      ),
    );
    expect(r.code).toBe(0);
    for (const h of RUNAWAY_HOURS) expect(r.stdout).toContain(h);
  });
});
