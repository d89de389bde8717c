import type { Kysely } from "kysely";

// Withdrawn before any release, kept as a no-op so later migrations keep their numbers. It was a
// covering index of 15 cost_daily columns for get_savings_opportunities' window read: 10% faster
// on the demo store, but the widest index on the table, rebuilt or updated by every CUR period
// (1.3 s of an 8M-line period's store phase). The (day, model) index serves the window read.
export async function up(_db: Kysely<unknown>): Promise<void> {}
