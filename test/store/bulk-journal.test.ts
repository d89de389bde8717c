import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { bulkTransaction } from "../../src/store/bulk.js";
import { type Db, openDb } from "../../src/store/db.js";
import { backToWal } from "../../src/store/dialect/sqlite-bulk.js";
import { sqliteFileDb } from "../helpers/db.js";

/**
 * A large bulk write leaves WAL mode for the rollback journal when its connection has the file to
 * itself (sqlite-bulk.ts writeStraightToFile). These tests hold it to what WAL mode promised:
 * all or nothing, back in WAL mode afterwards, and other connections never broken by it.
 */

const open: Db[] = [];
const handles: SQLite.Database[] = [];

afterEach(async () => {
  for (const h of handles.splice(0)) h.close();
  for (const db of open.splice(0)) await db.destroy();
});

async function store() {
  const s = await sqliteFileDb();
  open.push(s.db);
  await sql`CREATE TABLE t (v INTEGER NOT NULL)`.execute(s.db);
  await sql`INSERT INTO t (v) VALUES (1)`.execute(s.db);
  return s;
}

const pragma = async (db: Db, name: string) =>
  (await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db)).rows[0]?.[name];

async function insertMany(db: Db, from: number, n: number, fail = false): Promise<string> {
  return bulkTransaction(
    db,
    async (s) => {
      const [mode] = await s.column<string>("PRAGMA journal_mode");
      const w = s.insert("t", ["v"]);
      for (let i = 0; i < n; i++) await w.add([from + i]);
      await w.flush();
      if (fail) throw new Error("input broke");
      return mode;
    },
    { large: true },
  );
}

const values = async (db: Db) =>
  (await sql<{ n: number; s: number }>`SELECT count(*) AS n, sum(v) AS s FROM t`.execute(db)).rows[0];

describe("large bulk writes on a SQLite file", () => {
  it("write through the rollback journal when alone, durably, and return the store to WAL mode", async () => {
    const { db, path } = await store();
    expect(await pragma(db, "journal_mode")).toBe("wal");
    expect(await insertMany(db, 2, 5000)).toBe("delete");
    expect(await pragma(db, "journal_mode")).toBe("wal");
    expect(await pragma(db, "synchronous")).toBe(1); // NORMAL again, as openDb sets it
    const reader = new SQLite(path, { readonly: true });
    handles.push(reader);
    expect(reader.prepare("SELECT count(*) AS n, sum(v) AS s FROM t").get()).toEqual({
      n: 5001,
      s: (5001 * 5002) / 2,
    });
  });

  it("keep the WAL when another connection has the file open, and still write", async () => {
    const { db, path } = await store();
    const other = new SQLite(path);
    handles.push(other);
    other.prepare("SELECT count(*) FROM t").get();
    expect(await insertMany(db, 2, 1000)).toBe("wal");
    expect(other.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 1001 });
    expect(await pragma(db, "journal_mode")).toBe("wal");
  });

  it("roll back a failed write completely and return to WAL mode", async () => {
    const { db } = await store();
    await expect(insertMany(db, 2, 5000, true)).rejects.toThrow("input broke");
    expect(await values(db)).toEqual({ n: 1, s: 1 });
    expect(await pragma(db, "journal_mode")).toBe("wal");
    // The store takes the next write as usual.
    expect(await insertMany(db, 2, 10)).toBe("delete");
    expect(await values(db)).toEqual({ n: 11, s: 66 });
  });

  it("let another process open the store during the write: it reads, then follows it into WAL mode", async () => {
    const { db, path } = await store();
    let opened: Db | undefined;
    let seenDuring: unknown;
    const mode = await bulkTransaction(
      db,
      async (s) => {
        const w = s.insert("t", ["v"]);
        for (let i = 0; i < 100; i++) await w.add([2 + i]);
        await w.flush();
        // openDb sets WAL mode, which SQLite refuses while the writer holds the file.
        opened = await openDb(path);
        open.push(opened);
        seenDuring = await values(opened);
        return s.column<string>("PRAGMA journal_mode");
      },
      { large: true },
    );
    expect(mode).toEqual(["delete"]);
    expect(seenDuring).toEqual({ n: 1, s: 1 }); // the committed state, not the write in progress
    if (!opened) throw new Error("the second store did not open");
    expect(await values(opened)).toEqual({ n: 101, s: (101 * 102) / 2 });
    expect(await pragma(opened, "journal_mode")).toBe("wal");
  });
});

describe("back to WAL mode after a large write", () => {
  it("does not throw when SQLite refuses, and gets back in once the reader is done", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
    const path = join(dir, "store.db");
    const writer = new SQLite(path, { timeout: 100 }); // the busy wait SQLite applies before refusing
    const reader = new SQLite(path);
    handles.push(writer, reader);
    writer.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2)");
    expect(writer.pragma("journal_mode = DELETE", { simple: true })).toBe("delete");
    const rows = reader.prepare("SELECT v FROM t").iterate();
    rows.next(); // in the middle of a read
    expect(() => writer.pragma("journal_mode = WAL")).toThrow(/locked/); // what SQLite does
    expect(backToWal(writer)).toBe(false);
    expect(writer.pragma("journal_mode", { simple: true })).toBe("delete");
    rows.return?.();
    expect(backToWal(writer)).toBe(true);
    expect(writer.pragma("journal_mode", { simple: true })).toBe("wal");
  });
});
