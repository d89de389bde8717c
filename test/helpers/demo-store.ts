import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deps } from "../../src/capabilities/types.js";
import { demoConfig } from "../../src/demo/config.js";
import { runDemo } from "../../src/demo/run.js";
import { type Db, openDb } from "../../src/store/db.js";
import { silentLogger } from "../../src/util/log.js";

/**
 * The demo's store, built the way `bedrock-spend demo` builds it (synthetic CUR export in the
 * sandbox's S3, a full collect through the real SDK), in a temp folder. About 20 s.
 */
export interface DemoStore {
  dbPath: string;
  db: Db;
  deps: Deps;
  close(): Promise<void>;
}

export const DEMO_NOW = "2026-11-26T12:00:00Z";

export async function buildDemoStore(now = DEMO_NOW): Promise<DemoStore> {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-demo-store-"));
  const dbPath = join(dir, "demo.db");
  await runDemo({ dbPath, now: new Date(now), log: silentLogger });
  const db = await openDb(dbPath);
  const deps: Deps = { db, config: demoConfig(), now: () => new Date(now), log: silentLogger };
  return {
    dbPath,
    db,
    deps,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
