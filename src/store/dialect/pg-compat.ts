import { type Kysely, sql } from "kysely";

/**
 * SQLite functions the shared queries use, defined on PostgreSQL with SQLite's meaning, so one
 * query text serves both engines (migration 0001 installs them):
 * - `total(x)`: sum that is 0.0, not NULL, over no rows (the same float8 addition as sum);
 * - `json_extract(text, '$."key"')`: the text value of one top-level key (tags are JSON objects
 *   of strings), inlined by the planner as `->>`.
 */
const FUNCTIONS = [
  `CREATE AGGREGATE total(double precision) (SFUNC = float8pl, STYPE = double precision, INITCOND = '0')`,
  `CREATE FUNCTION json_extract(doc text, path text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     RETURN (doc::jsonb) ->> (CASE WHEN path LIKE '$."%"' THEN substr(path, 4, length(path) - 4)
                                   ELSE substr(path, 3) END)`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function installPgCompat(db: Kysely<any>): Promise<void> {
  for (const f of FUNCTIONS) await sql.raw(f).execute(db);
}

const SOURCES = [
  ["cost_daily", "billed"],
  ["cost_estimate_daily", "estimated"],
] as const;

/**
 * PostgreSQL's version of migration 0002's rollup marks: statement-level triggers that mark the
 * days a statement touched dirty, once per statement (SQLite's fire per row).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function createPgRollupMarks(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE spend_rollup_dirty (src TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (src, day))`.execute(
    db,
  );
  const mark = (rows: string) =>
    `INSERT INTO spend_rollup_dirty (src, day) SELECT DISTINCT TG_ARGV[0], day FROM ${rows} ON CONFLICT DO NOTHING;`;
  const fns = {
    ins: mark("new_rows"),
    del: mark("old_rows"),
    upd: `${mark("old_rows")} ${mark("new_rows")}`,
  };
  for (const [op, body] of Object.entries(fns))
    await sql
      .raw(
        `CREATE FUNCTION spend_rollup_mark_${op}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$`,
      )
      .execute(db);
  const refs = {
    ins: "NEW TABLE AS new_rows",
    del: "OLD TABLE AS old_rows",
    upd: "OLD TABLE AS old_rows NEW TABLE AS new_rows",
  };
  const event = { ins: "INSERT", del: "DELETE", upd: "UPDATE" };
  for (const [table, src] of SOURCES) {
    for (const op of ["ins", "del", "upd"] as const)
      await sql
        .raw(
          `CREATE TRIGGER ${table}_rollup_${op} AFTER ${event[op]} ON ${table} REFERENCING ${refs[op]}
           FOR EACH STATEMENT EXECUTE FUNCTION spend_rollup_mark_${op}('${src}')`,
        )
        .execute(db);
    await sql
      .raw(
        `INSERT INTO spend_rollup_dirty (src, day) SELECT DISTINCT '${src}', day FROM ${table} ON CONFLICT DO NOTHING`,
      )
      .execute(db);
  }
}
