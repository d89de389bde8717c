import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { LATEST_MIGRATION } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
import { cliEnv, finished, spawnCli } from "../helpers/cli.js";
import { emptyStore, execRaw, TEST_ENGINE } from "../helpers/db.js";

const run = (db: string, ...args: string[]) => finished(spawnCli(["--db", db, ...args], cliEnv({})));

describe("bedrock-spend migrate and schema versions", { timeout: 60_000 }, () => {
  it("applies every migration once, then reports the store up to date", async () => {
    const db = await emptyStore();
    const first = await run(db, "migrate");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`migrated ${db}: applied ${Object.keys(migrations).join(", ")}\n`);
    const again = await run(db, "migrate");
    expect(again.stdout).toBe(`${db} is up to date (${LATEST_MIGRATION})\n`);
  });

  it("serve and migrate refuse a store migrated by a newer version, saying what to do", async () => {
    const db = await emptyStore();
    expect((await run(db, "migrate")).code).toBe(0);
    await execRaw(db, "insert into kysely_migration (name, timestamp) values (?, ?)", ["9999-future", "x"]);
    for (const cmd of ["serve", "migrate"]) {
      const r = await run(db, cmd);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `the store ${db} has schema 9999-future, newer than this bedrock-spend knows (up to ${LATEST_MIGRATION})`,
      );
      expect(r.stderr).toContain("upgrade bedrock-spend on this host");
    }
  });

  it("openDb with migrate: false refuses pending migrations and names the command", async () => {
    const path = await emptyStore();
    await expect(openDb(path, { migrate: false })).rejects.toThrow(/needs migrations 0001-cost, /);
    await expect(openDb(path, { migrate: false })).rejects.toMatchObject({
      hint: "run `bedrock-spend migrate` once (with this version), then start again",
    });
    await (await openDb(path, { migrate: true })).destroy();
    await (await openDb(path, { migrate: false })).destroy();
  });

  it("a new store migrates on open when it is a SQLite file, and waits for `migrate` on PostgreSQL", async () => {
    const path = await emptyStore();
    const open = openDb(path);
    if (TEST_ENGINE === "sqlite") await (await open).destroy();
    else await expect(open).rejects.toThrow(/needs migrations 0001-cost, /);
  });
});
