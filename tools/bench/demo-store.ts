import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDemo } from "../../src/demo/run.js";
import { silentLogger } from "../../src/util/log.js";

export const DEMO_NOW = "2026-11-26T12:00:00Z";

/**
 * A demo-shaped store in a fresh temp folder: the offline demo's full collection (CUR through the
 * sandbox's S3, CloudWatch hours, inventory, invocation logs, estimates) into a real SQLite file,
 * the data the load measurements ran against. About 10-15 s on two cores.
 */
export async function demoStore(): Promise<{ dir: string; dbPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-spend-mcp-load-"));
  const dbPath = join(dir, "demo.db");
  await runDemo({ dbPath, now: new Date(DEMO_NOW), log: silentLogger });
  return { dir, dbPath };
}
