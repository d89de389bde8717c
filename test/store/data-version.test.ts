import { Migrator, sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { bulkTransaction } from "../../src/store/bulk.js";
import { type Db, migrateDb } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/dialect/postgres.js";
import { migrations } from "../../src/store/migrations/index.js";
import { COST_ROW_COLUMNS, replaceCurPeriod, startIngestLog } from "../../src/store/queries/cur.js";
import { readDataVersion } from "../../src/store/queries/data-version.js";
import { refreshSpendRollup } from "../../src/store/queries/spend-rollup.js";
import { fileDb, TEST_ENGINE } from "../helpers/db.js";
import { freshPgUrl } from "../helpers/pg.js";
import { billed, insertBilled } from "../helpers/spend-rows.js";

/**
 * The data version answer caches key on (queries/data-version.ts): moved by every committed write
 * of this store, whatever the path, and on PostgreSQL by nothing else — not by other databases of
 * the same server, not by a write before it commits — without making writers wait for each other.
 */

const opened: Db[] = [];
const clients: pg.Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => {});
  for (const db of opened.splice(0)) await db.destroy();
});

async function store(): Promise<{ db: Db; path: string }> {
  const s = await fileDb();
  opened.push(s.db);
  return s;
}

/** A raw connection of its own (another server process on PostgreSQL). */
async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

const row = (day: string, cost_usd = 1) => billed({ day, cost_usd });
const rowValues = (day: string) => {
  const r = row(day) as Record<string, unknown>;
  return COST_ROW_COLUMNS.map((c) => r[c] ?? null);
};

/** Runs `write` and tells whether the token moved. */
async function moves(db: Db, write: () => Promise<unknown>): Promise<boolean> {
  const before = await readDataVersion(db);
  await write();
  return (await readDataVersion(db)) !== before;
}

describe("readDataVersion: every committed write moves it", () => {
  it("kysely insert, update and delete, the rollup refresh, and both bulk writers", async () => {
    const { db } = await store();
    expect(await moves(db, () => insertBilled(db, [row("2026-11-20")]))).toBe(true);
    expect(await moves(db, () => refreshSpendRollup(db))).toBe(true);
    expect(
      await moves(db, () =>
        db.updateTable("cost_daily").set({ cost_usd: 2 }).where("day", "=", "2026-11-20").execute(),
      ),
    ).toBe(true);
    expect(await moves(db, () => db.deleteFrom("cost_daily").where("day", "=", "2026-11-20").execute())).toBe(
      true,
    );
    // A bulk transaction that writes nothing but a COPY into a table whose triggers it suspended.
    expect(
      await moves(db, () =>
        bulkTransaction(db, async (s) => {
          const restore = await s.suspend("cost_daily", "trigger");
          const w = s.insert("cost_daily", COST_ROW_COLUMNS, {
            constants: { period: "2026-11", ingest_id: 1 },
          });
          await w.add(rowValues("2026-11-21"));
          await w.flush();
          await restore();
        }),
      ),
    ).toBe(true);
    const ingestId = await startIngestLog(db, {
      source: "t",
      period: "2026-10",
      files: "[]",
      started_at: "x",
    });
    expect(
      await moves(db, () =>
        replaceCurPeriod(db, {
          period: {
            period: "2026-10",
            source: "t",
            fingerprint: "f",
            last_usage_day: "2026-10-01",
            refreshed_at: null,
            has_iam_principal: 0,
            ingested_at: "2026-11-01",
          },
          ingestId,
          cost: {
            dictionaries: [],
            rows: (async function* () {
              yield rowValues("2026-10-01");
            })(),
          },
          costRows: 1,
          adjustments: [],
          rollup: { days: ["2026-10-01"], rows: (async function* () {})() },
          log: { status: "ok" },
        }),
      ),
    ).toBe(true);
    // Reading does not move it.
    expect(await moves(db, () => db.selectFrom("cost_daily").selectAll().execute())).toBe(false);
  });
});

describe.runIf(TEST_ENGINE === "postgres")("readDataVersion on PostgreSQL", () => {
  it("ignores writes to another database of the same server", async () => {
    const { db } = await store();
    const other = await store();
    const before = await readDataVersion(db);
    const otherBefore = await readDataVersion(other.db);
    await insertBilled(other.db, [row("2026-11-20")]);
    await other.db.deleteFrom("cost_daily").execute();
    expect(await readDataVersion(other.db)).not.toBe(otherBefore);
    expect(await readDataVersion(db)).toBe(before);
  });

  it("a write becomes visible to readers when it commits, not before; a rollback leaves it", async () => {
    const { db, path } = await store();
    const writer = await client(path);
    const before = await readDataVersion(db);
    await writer.query("BEGIN");
    await writer.query("DELETE FROM cost_daily");
    await writer.query("ROLLBACK");
    expect(await readDataVersion(db)).toBe(before);
    await writer.query("BEGIN");
    await writer.query("UPDATE cost_daily SET cost_usd = 3");
    expect(await readDataVersion(db)).toBe(before);
    await writer.query("COMMIT");
    expect(await readDataVersion(db)).not.toBe(before);
  });

  it("concurrent writers in open transactions do not wait for each other", async () => {
    const { db, path } = await store();
    await insertBilled(db, [row("2026-11-20")]);
    const before = await readDataVersion(db);
    const [a, b] = [await client(path), await client(path)];
    for (const c of [a, b]) {
      await c.query("BEGIN");
      // A writer that waited for the other's commit would fail here instead of hanging.
      await c.query("SET LOCAL lock_timeout = '2s'");
      await c.query("SET LOCAL statement_timeout = '5s'");
    }
    const credit = `INSERT INTO cost_adjustment (period, day, account, kind, line_item_type, amount_usd, ingest_id)
      VALUES ('2026-11', '2026-11-20', '111111111111', 'credit', 'Credit', -1, 1)`;
    // Both write the same tables (other rows): each bumps its own counter row.
    await a.query("UPDATE cost_daily SET cost_usd = 2 WHERE day = '2026-11-20'");
    await b.query(credit);
    await b.query("DELETE FROM cost_daily WHERE day = '2026-11-19'");
    await a.query(credit);
    await a.query("COMMIT");
    const afterA = await readDataVersion(db);
    expect(afterA).not.toBe(before);
    await b.query("COMMIT");
    expect(await readDataVersion(db)).not.toBe(afterA);
  });

  it("every table but the lease and the counter itself carries the trigger", async () => {
    const { db } = await store();
    const r = await sql<{ table: string; triggered: boolean }>`
      SELECT c.relname AS table, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
        AND t.tgname = 'store_change_bump' AND t.tgenabled = 'O') AS triggered
      FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
      ORDER BY c.relname`.execute(db);
    const untriggered = r.rows.filter((x) => !x.triggered).map((x) => x.table);
    expect(untriggered).toEqual(["job_lease", "kysely_migration", "kysely_migration_lock", "store_change"]);
  });

  it("migrate adds it to a store that already holds data", async () => {
    const url = await freshPgUrl({ migrated: false });
    const old = await openPostgres(url);
    const names = Object.keys(migrations);
    const before = names[names.indexOf("0010-store-change") - 1];
    const { error } = await new Migrator({
      db: old,
      provider: { getMigrations: async () => migrations },
    }).migrateTo(before);
    expect(error).toBeUndefined();
    await insertBilled(old, [row("2026-11-20", 7)]);
    await old.destroy();

    const { applied, db } = await migrateDb(url);
    opened.push(db);
    expect(applied).toEqual(names.slice(names.indexOf("0010-store-change")));
    expect(await db.selectFrom("cost_daily").select("cost_usd").execute()).toEqual([{ cost_usd: 7 }]);
    expect(await moves(db, () => insertBilled(db, [row("2026-11-21")]))).toBe(true);
  });

  it("works for a store in a schema of its own, whatever the writer's search_path", async () => {
    const url = await freshPgUrl({ migrated: false });
    const admin = await client(url);
    await admin.query("CREATE SCHEMA tenant");
    const inSchema = new URL(url);
    inSchema.searchParams.set("options", "-c search_path=tenant");
    const { db } = await migrateDb(inSchema.toString());
    opened.push(db);
    const schema = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db);
    expect(schema.rows[0]?.s).toBe("tenant");
    expect(await moves(db, () => insertBilled(db, [row("2026-11-20")]))).toBe(true);
    expect(
      await moves(db, () =>
        bulkTransaction(db, async (s) => {
          const w = s.insert("cost_daily", COST_ROW_COLUMNS, {
            constants: { period: "2026-11", ingest_id: 1 },
          });
          await w.add(rowValues("2026-11-21"));
          await w.flush();
        }),
      ),
    ).toBe(true);
    // A session on the default search_path (an operator's psql) naming the table.
    expect(await moves(db, () => admin.query("DELETE FROM tenant.cost_adjustment"))).toBe(true);
  });
});
