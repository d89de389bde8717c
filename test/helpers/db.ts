import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openDb } from "../../src/store/db.js";

/** A real in-memory SQLite store with every migration applied. */
export function memoryDb(): Promise<Db> {
  return openDb(":memory:");
}

/** A real SQLite file in a fresh temp folder (for WAL, transactions, crash tests). */
export async function fileDb(): Promise<{ db: Db; path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
  const path = join(dir, "store.db");
  return { db: await openDb(path), path, dir };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "bedrock-spend-test-"));
}
