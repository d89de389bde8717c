import { type Kysely, PostgresAdapter } from "kysely";

/**
 * The two engines behind the store (docs/architecture.md §8): SQLite, the embedded default, and
 * PostgreSQL for a team service. Queries are shared; the few places where SQL must differ ask
 * `engineOf` and take their fragment from this folder.
 */
export type Engine = "sqlite" | "postgres";

/** A store location is PostgreSQL when it is a postgres:// or postgresql:// URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

// biome-ignore lint/suspicious/noExplicitAny: works for any schema, a transaction included
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

const locations = new WeakMap<object, string>();

/** Called by openDb: remembers where a Kysely instance's store lives (a file or a URL). */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function registerLocation(db: Kysely<any>, location: string): void {
  locations.set(db, location);
}

/** The file or URL a store was opened from ("" when unknown, e.g. `:memory:`). */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function locationOf(db: Kysely<any>): string {
  return locations.get(db) ?? "";
}
