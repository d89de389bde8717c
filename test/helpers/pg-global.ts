import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * vitest globalSetup: names this run (test/helpers/pg.ts puts the name in every database it
 * creates) and, after the whole run, drops this run's databases on the BEDROCK_SPEND_TEST_PG
 * server (each is a full copy of a migrated template, ~8 MB). Other runs' databases stay.
 */
const run = randomBytes(4).toString("hex");

export function setup(): void {
  process.env.BEDROCK_SPEND_TEST_RUN = run;
}

export async function teardown(): Promise<void> {
  const url = process.env.BEDROCK_SPEND_TEST_PG;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname",
      [`bst\\_%${run}%`],
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
