import pg from "pg";
import { migrateDb } from "../../src/store/db.js";

/**
 * PostgreSQL for the test suite: when BEDROCK_SPEND_TEST_PG holds a server URL (a role that may
 * create databases), every store a test asks for is a fresh database of its own on that server,
 * copied from a template this process migrated once. `.ci/run` starts a throwaway cluster and sets it.
 */
export const TEST_PG = process.env.BEDROCK_SPEND_TEST_PG ?? "";

let template: Promise<string> | null = null;
let seq = 0;

function urlFor(db: string): string {
  const u = new URL(TEST_PG);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** This vitest run (pg-global.ts) and this worker process: in every database name. */
const tag = `${process.env.BEDROCK_SPEND_TEST_RUN ?? "norun"}_${process.pid}_${Date.now().toString(36)}`;

/** Migrates a template database once per test process (CREATE DATABASE … TEMPLATE copies it). */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `bst_tpl_${tag}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const { db } = await migrateDb(urlFor(name));
    await db.destroy();
    return name;
  })();
  return template;
}

/** A fresh, migrated PostgreSQL database: its URL. */
export async function freshPgUrl(opts: { migrated?: boolean } = {}): Promise<string> {
  const name = `bst_${tag}_${++seq}`;
  const from = opts.migrated === false ? "template0" : await migratedTemplate();
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${from} STRATEGY FILE_COPY`));
  return urlFor(name);
}
