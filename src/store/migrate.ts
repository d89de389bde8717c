// biome-ignore-all lint/suspicious/noExplicitAny: migrations run before the typed schema exists
import { type Kysely, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely";
import { AppError } from "../errors.js";
import { migrations, RENAMED_MIGRATIONS } from "./migrations/index.js";

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

export const LATEST_MIGRATION = Object.keys(migrations).at(-1) ?? "";

/** Names recorded in kysely_migration, [] for a fresh store. */
async function recordedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface SchemaState {
  applied: string[];
  pending: string[];
  /** Recorded by a newer bedrock-spend: this one must not write to the store. */
  unknown: string[];
}

export async function schemaState(db: Kysely<any>): Promise<SchemaState> {
  const recorded = (await recordedMigrations(db)).map((n) => RENAMED_MIGRATIONS[n] ?? n);
  const known = Object.keys(migrations);
  return {
    applied: known.filter((n) => recorded.includes(n)),
    pending: known.filter((n) => !recorded.includes(n)),
    unknown: recorded.filter((n) => !known.includes(n)),
  };
}

/** Refuses a store that a newer version migrated: its queries may not match this code. */
export function assertNotNewer(state: SchemaState, where: string): void {
  if (state.unknown.length === 0) return;
  throw new AppError(
    `the store ${where} has schema ${state.unknown.at(-1)}, newer than this bedrock-spend knows (up to ${LATEST_MIGRATION})`,
    "upgrade bedrock-spend on this host to the version that migrated the store (every replica runs the same version)",
  );
}

/** Applies pending migrations in order; kysely takes its migration lock, so concurrent runs queue. */
export async function applyMigrations(db: Kysely<any>, where: string): Promise<string[]> {
  const { error, results }: MigrationResultSet = await new Migrator({
    db,
    provider: staticProvider,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new AppError(`database ${where}: migration ${failed} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
