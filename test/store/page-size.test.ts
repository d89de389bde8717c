import { rmSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { tempDir } from "../helpers/db.js";

/** New SQLite stores get 64 KB pages (db.ts); stores created before keep theirs and still work. */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, "store.db");
}

const pageSize = (path: string) => {
  const h = new SQLite(path, { readonly: true });
  try {
    return h.pragma("page_size", { simple: true });
  } finally {
    h.close();
  }
};

describe("SQLite page size", () => {
  it("a new store is created with 64 KB pages, in WAL mode", async () => {
    const path = tempPath();
    const db = await openDb(path);
    expect((await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db)).rows[0].journal_mode).toBe(
      "wal",
    );
    await db.destroy();
    expect(pageSize(path)).toBe(65_536);
  });

  it("a store created with 4 KB pages keeps them, migrates and keeps its rows", async () => {
    const path = tempPath();
    const old = new SQLite(path);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE keepsake (v TEXT NOT NULL); INSERT INTO keepsake VALUES ('kept')");
    old.close();
    expect(pageSize(path)).toBe(4096);
    const db = await openDb(path);
    const kept = await sql<{ v: string }>`SELECT v FROM keepsake`.execute(db);
    expect(kept.rows).toEqual([{ v: "kept" }]);
    const rows = await db
      .selectFrom("cost_daily")
      .select((eb) => eb.fn.countAll().as("n"))
      .execute();
    expect(Number(rows[0].n)).toBe(0);
    await db.destroy();
    expect(pageSize(path)).toBe(4096);
  });
});
