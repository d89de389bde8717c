import type { DuckDBConnection } from "@duckdb/node-api";
import { CUR_COLUMNS, csvExpr } from "./columns.js";
import type { GenLine } from "./types.js";

/**
 * Writes one delivery of one billing period with DuckDB: the hand-modelled lines are appended to a
 * compact staging table, bulk non-Bedrock filler is generated in SQL (fast at 2M lines), and every
 * chunk is a `COPY … TO` of the full CUR 2.0 column set.
 */

const STAGING = `CREATE OR REPLACE TEMP TABLE gen (
  start VARCHAR, hours INTEGER, payer VARCHAR, account VARCHAR, account_name VARCHAR,
  billing_entity VARCHAR, line_item_type VARCHAR, product_code VARCHAR, product_name VARCHAR,
  product_family VARCHAR, region VARCHAR, usage_type VARCHAR, operation VARCHAR, description VARCHAR,
  pricing_unit VARCHAR, usage_amount DOUBLE, cost DOUBLE, list_cost DOUBLE, rate VARCHAR,
  resource_id VARCHAR, principal VARCHAR, resource_tags VARCHAR, tags VARCHAR, tax_type VARCHAR)`;

async function appendLines(con: DuckDBConnection, lines: Iterable<GenLine>): Promise<void> {
  const app = await con.createAppender("gen");
  for (const l of lines) {
    app.appendVarchar(l.start);
    app.appendInteger(l.hours);
    for (const s of [l.payer, l.account, l.accountName, l.billingEntity, l.lineItemType, l.productCode])
      app.appendVarchar(s);
    for (const s of [
      l.productName,
      l.productFamily,
      l.region,
      l.usageType,
      l.operation,
      l.description,
      l.pricingUnit,
    ])
      app.appendVarchar(s);
    app.appendDouble(l.usageAmount);
    app.appendDouble(l.cost);
    app.appendDouble(l.listCost);
    app.appendVarchar(l.rate);
    app.appendVarchar(l.resourceId);
    app.appendVarchar(l.principal);
    app.appendVarchar(JSON.stringify(l.resourceTags));
    app.appendVarchar(JSON.stringify(l.tags));
    app.appendVarchar(l.taxType);
    app.endRow();
  }
  app.closeSync();
}

/** Plain non-Bedrock usage (EC2, S3, Lambda, …), values from a seeded hash of the row number. */
function fillerSql(count: number, firstDay: string, days: number, seed: number): string {
  const h = (salt: number) => `CAST(hash(i, ${seed + salt}) % 1000003 AS BIGINT)`;
  return `INSERT INTO gen SELECT
    strftime(DATE '${firstDay}' + CAST(i % ${days} AS INTEGER), '%Y-%m-%d') || 'T' || lpad(CAST(${h(1)} % 24 AS VARCHAR), 2, '0') || ':00:00Z',
    1, '999999999999', acct[1 + ${h(2)} % 3], acct_name[1 + ${h(2)} % 3],
    'AWS', 'Usage', svc[1 + ${h(3)} % 6], svc_name[1 + ${h(3)} % 6], 'Compute', 'us-east-1',
    ut[1 + ${h(3)} % 6], 'RunInstances', 'non-Bedrock usage', 'Hrs',
    (${h(4)} % 1000) / 100.0, (${h(5)} % 100000) / 10000.0, (${h(5)} % 100000) / 10000.0, '0.1',
    'i-' || substr(md5(CAST(${h(6)} % 5000 AS VARCHAR)), 1, 17), '', '{}', '{}', ''
  FROM range(${count}) t(i), (SELECT
    ['111111111111', '222222222222', '333333333333'] AS acct, ['prod', 'staging', 'research'] AS acct_name,
    ['AmazonEC2', 'AmazonS3', 'AWSLambda', 'AmazonRDS', 'AmazonCloudWatch', 'AmazonDynamoDB'] AS svc,
    ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'AWS Lambda', 'Amazon Relational Database Service', 'AmazonCloudWatch', 'Amazon DynamoDB'] AS svc_name,
    ['USE1-BoxUsage:m5.large', 'USE1-TimedStorage-ByteHrs', 'USE1-Lambda-GB-Second', 'USE1-InstanceUsage:db.r6g.large', 'USE1-CW:MetricMonitorUsage', 'USE1-ReadRequestUnits'] AS ut)`;
}

export interface DeliveryWrite {
  /** Consumed once, in order (may be a generator: large exports never hold every line). */
  lines: Iterable<GenLine>;
  filler: number;
  firstDay: string;
  days: number;
  seed: number;
  periodStart: string;
  deliveryId: string;
  format: "parquet" | "csv";
  /** One path per chunk; rows are dealt round-robin so Bedrock lines land in every chunk. */
  chunkPaths: string[];
  dropColumns?: string[];
}

export async function writeDelivery(con: DuckDBConnection, w: DeliveryWrite): Promise<void> {
  await con.run(STAGING);
  await appendLines(con, w.lines);
  if (w.filler > 0) await con.run(fillerSql(w.filler, w.firstDay, w.days, w.seed));
  const cols = CUR_COLUMNS.filter(([name]) => !w.dropColumns?.includes(name));
  const select = cols
    .map(([name, expr]) => `${w.format === "csv" ? csvExpr(name, expr) : expr} AS ${name}`)
    .join(",\n  ")
    .replaceAll("$period_start", `'${w.periodStart} 00:00:00'`)
    .replaceAll("$delivery", `'${w.deliveryId}'`);
  const n = w.chunkPaths.length;
  for (const [i, path] of w.chunkPaths.entries()) {
    const options =
      w.format === "parquet"
        ? "FORMAT parquet, COMPRESSION snappy"
        : "FORMAT csv, HEADER true, COMPRESSION gzip";
    await con.run(
      `COPY (SELECT ${select} FROM gen WHERE rowid % ${n} = ${i}) TO '${path.replaceAll("'", "''")}' (${options})`,
    );
  }
}

/** The chunk-shrink trap: a surplus chunk from an earlier refresh overwritten with empty data. */
export async function writeEmptyChunk(
  con: DuckDBConnection,
  path: string,
  format: "parquet" | "csv",
): Promise<void> {
  await con.run(STAGING);
  const options =
    format === "parquet"
      ? "FORMAT parquet, COMPRESSION snappy"
      : "FORMAT csv, HEADER false, COMPRESSION gzip";
  const select = CUR_COLUMNS.map(
    ([name, expr]) => `${format === "csv" ? csvExpr(name, expr) : expr} AS ${name}`,
  )
    .join(", ")
    .replaceAll("$period_start", "'2000-01-01 00:00:00'")
    .replaceAll("$delivery", "'empty'");
  await con.run(`COPY (SELECT ${select} FROM gen) TO '${path.replaceAll("'", "''")}' (${options})`);
}
