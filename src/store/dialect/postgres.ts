import { Kysely, PostgresDialect } from "kysely";
import type { Pool } from "pg";
import type { Database } from "../schema.js";
import { PgSchemaPlugin } from "./pg-schema.js";

const INT8 = 20;
const NUMERIC = 1700;

const pools = new WeakMap<object, Pool>();

/** The pg pool behind a Kysely instance opened by openPostgres (for COPY, which needs a raw client). */
export function poolOf(db: Kysely<Database>): Pool {
  const p = pools.get(db);
  if (!p) throw new Error("bulk write needs a store opened with openDb (not a transaction)");
  return p;
}

export interface PostgresOptions {
  /** Connections per process (default 10). */
  max?: number;
  log?: (ms: number) => void;
}

/**
 * A Kysely over a pg pool. The URL may leave out anything the standard PG* variables give
 * (PGHOST, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE…), and `?sslmode=require|verify-full` turns on
 * TLS. pg is imported here only, so SQLite-only commands never load it.
 */
export async function openPostgres(url: string, o: PostgresOptions = {}): Promise<Kysely<Database>> {
  const pg = (await import("pg")).default;
  const toNumber = (v: string) => Number(v);
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 10,
    idleTimeoutMillis: 10_000,
    application_name: "bedrock-spend",
    // count(*), sum(integer) and bigserial ids come back as int8/numeric: the store's integers are
    // counts and ids far below 2^53, so JS numbers (as better-sqlite3 returns them) are exact.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle client that loses its server (failover, restart) must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new PgSchemaPlugin()],
    log: o.log ? (e) => o.log?.(e.queryDurationMillis) : undefined,
  });
  pools.set(db, pool);
  return db;
}
