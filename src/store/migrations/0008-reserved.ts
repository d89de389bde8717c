import type { Kysely } from "kysely";

// Placeholder on the postgres branch only: 0008 belongs to the detect-perf branch, which replaces
// this file when both are merged.
export async function up(_db: Kysely<unknown>): Promise<void> {}
