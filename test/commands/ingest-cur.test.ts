import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { generateCurExport } from "../../src/synthetic/cur-generator.js";
import { tempDir } from "../helpers/db.js";

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, BEDROCK_SPEND_NOW: "2026-11-06T09:30:00Z" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bedrock-spend ingest-cur", () => {
  it("prints a summary on stdout, JSON with --json, and exits 3 when some periods fail", async () => {
    const gen = await generateCurExport({
      root: tempDir(),
      now: new Date("2026-11-06T09:30:00Z"),
      months: 2,
      daysPerPeriod: 2,
    });
    const db = join(tempDir(), "store.db");
    const ok = cli(["ingest-cur", gen.exportDir, "--db", db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/2 period\(s\) from .*: 2 ingested, 0 unchanged, 0 failed/);
    expect(ok.stdout).toContain("2026-10");
    expect(ok.stderr).not.toContain("error");

    const oct = gen.files.find((f) => f.includes("BILLING_PERIOD=2026-10"))!;
    writeFileSync(oct, readFileSync(oct).subarray(0, 64));
    const partial = cli(["ingest-cur", gen.exportDir, "--db", db, "--json"]);
    expect(partial.code).toBe(3);
    const summary = JSON.parse(partial.stdout);
    expect(summary.periods.map((p: { status: string }) => p.status)).toEqual(["failed", "unchanged"]);
    expect(summary.periods[0].error).toMatch(/^data\/BILLING_PERIOD=2026-10\/.+\.snappy\.parquet: /);

    const store = await openDb(db);
    const rows = await store.selectFrom("cost_daily").select("period").distinct().orderBy("period").execute();
    expect(rows.map((r) => r.period)).toEqual(["2026-10", "2026-11"]);
    await store.destroy();

    expect(cli(["ingest-cur", gen.exportDir, "--db", db, "--period", "2026-1"]).code).toBe(2);
    expect(cli(["ingest-cur", join(tempDir(), "missing"), "--db", db]).code).toBe(1);
  });
});
