import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { migrations, RENAMED_MIGRATIONS } from "../../src/store/migrations/index.js";
import { tempDir } from "../helpers/db.js";

const names = Object.keys(migrations);

describe("migrations", () => {
  it("are numbered 0001, 0002, … without gaps, in key order", () => {
    expect(names.map((n) => Number(n.slice(0, 4)))).toEqual(names.map((_, i) => i + 1));
    expect([...names].sort()).toEqual(names);
  });

  it("a new store records every migration, in order", async () => {
    const db = await openDb(`${tempDir()}/new.db`);
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(rows.rows.map((r) => r.name)).toEqual(names);
    await db.destroy();
  });

  it("a store created before the renumbering opens with its data and the new names", async () => {
    const path = `${tempDir()}/old.db`;
    const db = await openDb(path);
    const row = {
      source: "s3://b/x",
      period: "2026-10",
      status: "ok" as const,
      files: "[]",
      rows_read: 10,
      bedrock_rows: 5,
      skipped_rows: 0,
      cost_usd: 12.5,
      warnings: "[]",
      error: null,
      started_at: "2026-11-01T00:00:00Z",
      finished_at: "2026-11-01T00:01:00Z",
    };
    await db.insertInto("ingest_log").values(row).execute();
    await db.destroy();
    // What 0.1.0 left behind: the old names in the migration log.
    const raw = new SQLite(path);
    for (const [old, renamed] of Object.entries(RENAMED_MIGRATIONS))
      raw.prepare("update kysely_migration set name = ? where name = ?").run(old, renamed);
    raw.close();

    const reopened = await openDb(path);
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      reopened,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(names);
    expect(await reopened.selectFrom("ingest_log").select(["source", "cost_usd"]).execute()).toEqual([
      { source: "s3://b/x", cost_usd: 12.5 },
    ]);
    await reopened.destroy();
  });

  it("refuses a store whose recorded migrations are out of order instead of applying around them", async () => {
    const path = `${tempDir()}/gap.db`;
    const db = await openDb(path);
    await db.destroy();
    const raw = new SQLite(path);
    raw.prepare("delete from kysely_migration where name = ?").run(names[1]);
    raw.close();
    await expect(openDb(path)).rejects.toThrow(/migration/);
  });
});
