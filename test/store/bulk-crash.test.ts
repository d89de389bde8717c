import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/store/db.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { sqliteFileDb } from "../helpers/db.js";
import { billed, insertBilled } from "../helpers/spend-rows.js";

/**
 * A large period goes straight into the SQLite file under the rollback journal
 * (sqlite-bulk.ts writeStraightToFile). A process killed in the middle of it must leave the
 * previous delivery exactly as it was, and the store in WAL mode, as the WAL did.
 */

async function snapshot(db: Db) {
  const rows = await sql<{
    n: number;
    usd: number;
  }>`SELECT count(*) AS n, sum(cost_usd) AS usd FROM cost_daily`.execute(db);
  const rollup = await sql`SELECT * FROM spend_rollup ORDER BY src, dim, day, key, key2`.execute(db);
  return { rows: rows.rows, rollup: rollup.rows };
}

function killHalfway(path: string): Promise<{ journal: boolean }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/store/bulk-crash-child.ts", path], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    let journal: boolean | null = null;
    child.stdout.on("data", (d: Buffer) => {
      if (journal !== null || !d.toString().includes("halfway")) return;
      journal = existsSync(`${path}-journal`);
      child.kill("SIGKILL");
    });
    child.on("exit", (code) =>
      journal === null
        ? reject(new Error(`child exited ${code} before halfway: ${stderr}`))
        : resolve({ journal }),
    );
  });
}

describe("a large bulk write killed half-way", () => {
  it("leaves the previous delivery and a store in WAL mode", async () => {
    const { db, path } = await sqliteFileDb();
    const days = Array.from({ length: 28 }, (_, d) => `2026-10-${String(d + 1).padStart(2, "0")}`);
    await insertBilled(
      db,
      days.flatMap((day) => Array.from({ length: 50 }, (_, i) => billed({ day, cost_usd: 1 + i / 100 }))),
    );
    await refreshSpendRollup(db);
    const before = await snapshot(db);
    await db.destroy(); // the writer must have the file to itself to leave WAL mode

    const { journal } = await killHalfway(path);
    expect(journal).toBe(true); // it was writing straight into the file, not into the WAL

    const reopened = await openDb(path);
    try {
      expect(await snapshot(reopened)).toEqual(before);
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(reopened);
      expect(check.rows).toEqual([{ integrity_check: "ok" }]);
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(reopened);
      expect(mode.rows).toEqual([{ journal_mode: "wal" }]);
      expect(existsSync(`${path}-journal`)).toBe(false);
    } finally {
      await reopened.destroy();
    }
  }, 60_000);
});
