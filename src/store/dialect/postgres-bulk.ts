import { once } from "node:events";
import { finished } from "node:stream/promises";
import { Kysely, PostgresDialect } from "kysely";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../schema.js";
import type { BulkInsertOptions, BulkSession, BulkWriter } from "./bulk-types.js";
import { decodingWriter, insertHead } from "./bulk-types.js";
import { CHANGE_TRIGGER } from "./pg-change-token.js";
import { PgSchemaPlugin } from "./pg-schema.js";
import { poolOf } from "./postgres.js";

/** `?` placeholders (the shared bulk SQL) to PostgreSQL's `$n`, outside string literals. */
export function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** One value in COPY's text format: `\N` is NULL; backslash, tab and line breaks are escaped. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

const FLUSH_BYTES = 1 << 20;

/** Rows streamed through `COPY … FROM STDIN` (text format), opened on the first row. */
class CopyInsert implements BulkWriter {
  private stream: ReturnType<typeof copyFrom> | null = null;
  private buffer = "";
  private failed: Error | null = null;
  private readonly prefix: string;
  rows = 0;

  constructor(
    private readonly client: PoolClient,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly constants: Record<string, unknown>,
  ) {
    const values = Object.values(constants).map(copyText);
    this.prefix = values.length ? `${values.join("\t")}\t` : "";
  }

  async add(values: readonly unknown[]): Promise<void> {
    const width = this.columns.length;
    if (values.length % width !== 0)
      throw new Error(`${this.table}: ${values.length} values for ${width} columns`);
    for (let i = 0; i < values.length; i += width) {
      let line = this.prefix;
      for (let j = 0; j < width; j++) line += (j ? "\t" : "") + copyText(values[i + j]);
      this.buffer += `${line}\n`;
    }
    this.rows += values.length / width;
    if (this.buffer.length >= FLUSH_BYTES) await this.write();
  }

  private async write(): Promise<void> {
    if (!this.stream) {
      const head = insertHead(this.table, this.columns, this.constants).replace(/^INSERT INTO/, "COPY");
      this.stream = this.client.query(copyFrom(`${head} FROM STDIN`));
      // Kept until the next write or flush rethrows it (an unheard 'error' would end the process).
      this.stream.on("error", (err) => {
        this.failed = err;
      });
    }
    if (this.failed) throw this.failed;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk))
      await Promise.race([once(this.stream, "drain"), once(this.stream, "close")]);
    if (this.failed) throw this.failed;
  }

  async flush(): Promise<void> {
    if (this.buffer) await this.write();
    if (!this.stream) return;
    const s = this.stream;
    this.stream = null;
    s.end();
    await finished(s).catch((err) => {
      throw this.failed ?? err;
    });
  }
}

/** Multi-row INSERT … VALUES for writes with a suffix (upserts), 100 rows per statement. */
class ValuesInsert implements BulkWriter {
  private pending: unknown[] = [];
  rows = 0;

  constructor(
    private readonly client: PoolClient,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly opts: BulkInsertOptions,
  ) {}

  async add(values: readonly unknown[]): Promise<void> {
    const width = this.columns.length;
    if (values.length % width !== 0)
      throw new Error(`${this.table}: ${values.length} values for ${width} columns`);
    for (const v of values) this.pending.push(v);
    this.rows += values.length / width;
    if (this.pending.length >= 100 * width) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const consts = Object.values(this.opts.constants ?? {});
    const width = this.columns.length;
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < this.pending.length; i += width) {
      const row = [...consts, ...this.pending.slice(i, i + width)];
      tuples.push(`(${row.map((v) => `$${params.push(v)}`).join(", ")})`);
    }
    this.pending = [];
    const head = insertHead(this.table, this.columns, this.opts.constants ?? {});
    await this.client.query(`${head} VALUES ${tuples.join(", ")} ${this.opts.suffix ?? ""}`, params);
  }
}

/** Explicit indexes of `table` that no constraint owns (a primary key stays). */
const INDEXES = `SELECT indexname, indexdef FROM pg_indexes i
  WHERE schemaname = current_schema() AND tablename = $1
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`;

/**
 * The enabled user triggers of `table` a bulk writer may suspend: all but the data version's,
 * which must still move when the bulk transaction commits (one bump per statement, COPY included).
 */
const SUSPENDABLE_TRIGGERS = `SELECT tgname FROM pg_trigger
  WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled <> 'D' AND tgname <> $2
  ORDER BY tgname`;

async function suspend(client: PoolClient, table: string, type: "trigger" | "index") {
  const t = `"${table}"`;
  if (type === "trigger") {
    const { rows } = await client.query<{ tgname: string }>(SUSPENDABLE_TRIGGERS, [t, CHANGE_TRIGGER]);
    // SHARE ROW EXCLUSIVE: other writers wait for the commit, readers do not.
    for (const r of rows) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER "${r.tgname}"`);
    return async () => {
      for (const r of rows) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER "${r.tgname}"`);
    };
  }
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(INDEXES, [table]);
  for (const r of rows) await client.query(`DROP INDEX "${r.indexname}"`);
  return async () => {
    for (const r of rows) await client.query(r.indexdef);
  };
}

/** Kysely on one checked-out client, so builder queries run inside the session's transaction. */
function onClient(client: PoolClient): Kysely<Database> {
  const shared = { query: client.query.bind(client), release() {} };
  const pool = { connect: async () => shared, end: async () => {} };
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as never }),
    plugins: [new PgSchemaPlugin()],
  });
}

/**
 * Runs `fn` in one transaction on a client of its own, all or nothing: a failure half-way (a bad
 * input stream included) rolls back and leaves the previous rows in place.
 */
export async function postgresBulkTransaction<T>(
  db: Kysely<Database>,
  fn: (s: BulkSession) => Promise<T>,
): Promise<T> {
  const client = await poolOf(db).connect();
  const session: BulkSession = {
    engine: "postgres",
    conn: onClient(client),
    column: async <R>(sql: string, params: readonly unknown[] = []) => {
      const r = await client.query({ text: numbered(sql), values: [...params], rowMode: "array" });
      return r.rows.map((row: unknown[]) => row[0] as R);
    },
    run: async (sql, params = []) => {
      await client.query(numbered(sql), [...params]);
    },
    insert: (table, columns, opts = {}) =>
      opts.suffix
        ? new ValuesInsert(client, table, columns, opts)
        : new CopyInsert(client, table, columns, opts.constants ?? {}),
    // COPY's cost is in the server, not in binding: coded rows are expanded here.
    insertCoded: (table, columns, dictionaries, opts = {}) =>
      decodingWriter(
        table,
        columns,
        dictionaries,
        new CopyInsert(client, table, columns, opts.constants ?? {}),
      ),
    suspend: (table, type) => suspend(client, table, type),
  };
  let broken = false;
  try {
    await client.query("BEGIN");
    // Index rebuilds after a large COPY sort in memory rather than in temp files.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    const out = await fn(session);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
