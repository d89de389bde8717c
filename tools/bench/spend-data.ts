import { sql } from "kysely";
import type { Db } from "../../src/store/db.js";
import { engineOf } from "../../src/store/dialect/engine.js";
import { addDays } from "../../src/util/dates.js";

/**
 * Fills a store with a large synthetic org, entirely inside the database (SQL only), so the bench
 * measures queries, not JS inserts: `days` × `accounts` × `models` × 3 token types billed rows plus
 * two days of estimates after the CUR.
 */
export interface SpendDataShape {
  lastDay: string;
  days: number;
  accounts: number;
  models: number;
}

/** The same rows as the SQLite statements below, in PostgreSQL's words (generate_series, to_char). */
async function fillPostgres(db: Db, s: SpendDataShape, first: string, billedThrough: string): Promise<void> {
  await sql`
    INSERT INTO cost_daily (period, day, payer_account, account, account_name, region, model, model_id,
      token_type, pricing_model, route, principal, tags, usage_type, product_code, tokens, usage_amount,
      cost_usd, ingest_id)
    SELECT substr(dd, 1, 7), dd, '999999999999', (100000000000 + a)::text, 'acct-' || a,
      CASE a % 3 WHEN 0 THEN 'us-east-1' WHEN 1 THEN 'us-west-2' ELSE 'eu-central-1' END,
      'Model ' || m, 'vendor.model-' || m, t.tt,
      CASE WHEN m % 7 = 0 THEN 'batch' ELSE 'on_demand' END,
      CASE WHEN m % 2 = 0 THEN 'global' ELSE 'regional' END,
      'arn:aws:sts::' || (100000000000 + a)::text || ':assumed-role/App/svc-' || (m % 4),
      json_build_object('team', 'team-' || (a % 8), 'iamPrincipal/team', 'pteam-' || (m % 5))::text,
      'USE1-Model' || m || '-' || t.tt, 'AmazonBedrock',
      1000 * (1 + ((d * 7 + a * 13 + m * 17 + t.n) % 997)),
      1 + ((d * 7 + a * 13 + m * 17 + t.n) % 997),
      0.001 * (1 + ((d * 7 + a * 13 + m * 17 + t.n) % 997)) * (1 + m % 5), 1
    FROM generate_series(0, ${s.days - 1}) AS d,
      LATERAL (SELECT to_char(${first}::date + d, 'YYYY-MM-DD') AS dd) AS day,
      generate_series(0, ${s.accounts - 1}) AS a, generate_series(0, ${s.models - 1}) AS m,
      (VALUES (0, 'input'), (1, 'output'), (2, 'cache_read')) AS t(n, tt)
  `.execute(db);
  await sql`
    INSERT INTO cost_estimate_daily (day, account, region, model, token_type, pricing_model, route, tags,
      tokens, cost_usd, source, computed_at)
    SELECT to_char(${billedThrough}::date + (1 + (id % 2))::int, 'YYYY-MM-DD'), account, region, model, token_type,
      pricing_model, route, tags, tokens, CASE WHEN model = 'Model 29' THEN NULL ELSE cost_usd END,
      'metrics', ${s.lastDay}
    FROM cost_daily WHERE day = ${billedThrough}
  `.execute(db);
}

export async function fillSpendData(db: Db, s: SpendDataShape): Promise<{ billedRows: number }> {
  const first = addDays(s.lastDay, -(s.days - 1));
  const billedThrough = addDays(s.lastDay, -2);
  if (engineOf(db) === "postgres") await fillPostgres(db, s, first, billedThrough);
  else await fillSqlite(db, s, first, billedThrough);
  await db
    .insertInto("cur_period")
    .values({
      period: s.lastDay.slice(0, 7),
      source: "bench",
      fingerprint: "bench",
      ingest_id: 1,
      last_usage_day: billedThrough,
      refreshed_at: `${s.lastDay}T06:00:00Z`,
      has_iam_principal: 1,
      ingested_at: `${s.lastDay}T06:00:00Z`,
    })
    .execute();
  // PostgreSQL: VACUUM also sets the visibility map, so index-only scans skip the heap.
  await sql.raw(engineOf(db) === "postgres" ? "VACUUM ANALYZE" : "ANALYZE").execute(db);
  const n = await db
    .selectFrom("cost_daily")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { billedRows: Number(n.n) };
}

async function fillSqlite(db: Db, s: SpendDataShape, first: string, billedThrough: string): Promise<void> {
  await sql`
    WITH RECURSIVE
      d(n, dd) AS (SELECT 0, ${first} UNION ALL SELECT n + 1, date(dd, '+1 day') FROM d WHERE n + 1 < ${s.days}),
      a(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM a WHERE n + 1 < ${s.accounts}),
      m(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM m WHERE n + 1 < ${s.models}),
      t(n, tt) AS (VALUES (0, 'input'), (1, 'output'), (2, 'cache_read'))
    INSERT INTO cost_daily (period, day, payer_account, account, account_name, region, model, model_id,
      token_type, pricing_model, route, principal, tags, usage_type, product_code, tokens, usage_amount,
      cost_usd, ingest_id)
    SELECT substr(dd, 1, 7), dd, '999999999999', printf('%012d', 100000000000 + a.n), 'acct-' || a.n,
      CASE a.n % 3 WHEN 0 THEN 'us-east-1' WHEN 1 THEN 'us-west-2' ELSE 'eu-central-1' END,
      'Model ' || m.n, 'vendor.model-' || m.n, t.tt,
      CASE WHEN m.n % 7 = 0 THEN 'batch' ELSE 'on_demand' END,
      CASE WHEN m.n % 2 = 0 THEN 'global' ELSE 'regional' END,
      'arn:aws:sts::' || printf('%012d', 100000000000 + a.n) || ':assumed-role/App/svc-' || (m.n % 4),
      json_object('team', 'team-' || (a.n % 8), 'iamPrincipal/team', 'pteam-' || (m.n % 5)),
      'USE1-Model' || m.n || '-' || t.tt, 'AmazonBedrock',
      1000 * (1 + ((d.n * 7 + a.n * 13 + m.n * 17 + t.n) % 997)),
      1 + ((d.n * 7 + a.n * 13 + m.n * 17 + t.n) % 997),
      0.001 * (1 + ((d.n * 7 + a.n * 13 + m.n * 17 + t.n) % 997)) * (1 + m.n % 5), 1
    FROM d, a, m, t
  `.execute(db);
  await sql`
    INSERT INTO cost_estimate_daily (day, account, region, model, token_type, pricing_model, route, tags,
      tokens, cost_usd, source, computed_at)
    SELECT date(${billedThrough}, '+' || (1 + (id % 2)) || ' days'), account, region, model, token_type,
      pricing_model, route, tags, tokens, CASE WHEN model = 'Model 29' THEN NULL ELSE cost_usd END,
      'metrics', ${s.lastDay}
    FROM cost_daily WHERE day = ${billedThrough}
  `.execute(db);
}
