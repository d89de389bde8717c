import type { CurFileFormat } from "./layout.js";

/**
 * SQL over one CUR file. Only the needed columns are referenced (DuckDB reads nothing else), and
 * every line is reduced in DuckDB: Bedrock candidates by daily key, all other lines into one
 * counting group. The final Bedrock test is the classifier's, applied per distinct key in JS.
 */

export const REQUIRED_COLUMNS = [
  "line_item_usage_start_date",
  "line_item_usage_account_id",
  "line_item_product_code",
  "line_item_usage_type",
  "line_item_line_item_type",
  "line_item_unblended_cost",
  "line_item_usage_amount",
] as const;

export const KEY_COLUMNS = [
  "day",
  "payer",
  "account",
  "account_name",
  "product_code",
  "billing_entity",
  "product_name",
  "usage_type",
  "operation",
  "description",
  "pricing_unit",
  "resource_id",
  "principal",
  "line_item_type",
  "resource_tags",
  "tags",
] as const;

export type KeyColumn = (typeof KEY_COLUMNS)[number];

export const AGG_TABLE = `CREATE OR REPLACE TEMP TABLE agg (${KEY_COLUMNS.map((c) => `${c} VARCHAR`).join(", ")},
  usage_amount DOUBLE, cost DOUBLE, list_cost DOUBLE, n DOUBLE)`;

export function quote(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/** One file, or several read as one table (columns matched by name, absent ones NULL). */
export function readExpr(paths: string | string[], format: CurFileFormat): string {
  const list = typeof paths === "string" ? quote(paths) : `[${paths.map(quote).join(", ")}]`;
  const many = typeof paths === "string" ? "" : ", union_by_name = true";
  return format === "parquet"
    ? `read_parquet(${list}${many})`
    : `read_csv(${list}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"'${many})`;
}

/** Column name → DuckDB type of one file. */
export type FileColumns = Map<string, string>;

function text(cols: FileColumns, name: string): string {
  return cols.has(name) ? `CAST("${name}" AS VARCHAR)` : "CAST(NULL AS VARCHAR)";
}

function num(cols: FileColumns, name: string, format: CurFileFormat): string {
  if (!cols.has(name)) return "CAST(NULL AS DOUBLE)";
  return format === "csv" ? `CAST(NULLIF(trim("${name}"), '') AS DOUBLE)` : `CAST("${name}" AS DOUBLE)`;
}

/** Map columns are MAP in Parquet and JSON text in CSV (docs/aws-data.md §1.3). */
function mapJson(cols: FileColumns, name: string): string {
  const type = cols.get(name);
  if (!type) return "CAST(NULL AS VARCHAR)";
  return type.startsWith("MAP")
    ? `CAST(to_json("${name}") AS VARCHAR)`
    : `NULLIF(CAST("${name}" AS VARCHAR), '')`;
}

/** Only Marketplace lines need the product name, and reading the `product` map is the costly part. */
function productName(cols: FileColumns): string {
  const type = cols.get("product");
  if (type?.startsWith("MAP")) return `"product"['product_name']`;
  if (type) return `json_extract_string(NULLIF("product", ''), '$.product_name')`;
  return text(cols, "product_product_name");
}

function keyExprs(cols: FileColumns, productNameExpr: string): string {
  const exprs: Record<KeyColumn, string> = {
    day: DAY,
    payer: text(cols, "bill_payer_account_id"),
    account: text(cols, "line_item_usage_account_id"),
    account_name: text(cols, "line_item_usage_account_name"),
    product_code: `coalesce(${text(cols, "line_item_product_code")}, '')`,
    billing_entity: text(cols, "bill_billing_entity"),
    product_name: productNameExpr,
    usage_type: `coalesce(${text(cols, "line_item_usage_type")}, '')`,
    operation: text(cols, "line_item_operation"),
    description: text(cols, "line_item_line_item_description"),
    pricing_unit: text(cols, "pricing_unit"),
    resource_id: `NULLIF(${text(cols, "line_item_resource_id")}, '')`,
    principal: `NULLIF(${text(cols, "line_item_iam_principal")}, '')`,
    line_item_type: text(cols, "line_item_line_item_type"),
    resource_tags: mapJson(cols, "resource_tags"),
    tags: mapJson(cols, "tags"),
  };
  return KEY_COLUMNS.map((c) => `${exprs[c]} AS ${c}`).join(",\n    ");
}

const NO_NAME = "CAST(NULL AS VARCHAR)";
const DAY = `substr(CAST("line_item_usage_start_date" AS VARCHAR), 1, 10)`;
const AWS_BEDROCK = `"line_item_product_code" LIKE 'AmazonBedrock%'`;
const MARKETPLACE = `"bill_billing_entity" = 'AWS Marketplace'`;

function sums(cols: FileColumns, format: CurFileFormat): string {
  return `${num(cols, "line_item_usage_amount", format)} AS usage_amount,
    ${num(cols, "line_item_unblended_cost", format)} AS cost,
    ${num(cols, "pricing_public_on_demand_cost", format)} AS list_cost`;
}

/**
 * sum() of DOUBLE depends on the order DuckDB's threads add their partial sums, so two runs over the
 * same files could differ in the last bits. Summed as DECIMAL(38, 18) — one rounding per value at
 * 1e-18, then exact integer additions — the result is the same whatever the order.
 */
export const exactSum = (expr: string) => `CAST(sum(CAST(${expr} AS DECIMAL(38, 18))) AS DOUBLE)`;

const GROUPED = `${KEY_COLUMNS.join(", ")}, ${exactSum("usage_amount")}, ${exactSum("cost")}, ${exactSum("list_cost")}, count(*)`;

const marketplace = (cols: FileColumns) => (cols.has("bill_billing_entity") ? MARKETPLACE : "TRUE");

/**
 * Parquet, general case: two filtered scans that DuckDB pushes into the reader, so the `product`
 * map is decoded only for Marketplace lines: AWS-billed Bedrock product codes, then Marketplace
 * lines whose product is a Bedrock edition. The final Bedrock test is the classifier's, per key.
 */
export function parquetSql(source: string, cols: FileColumns): string[] {
  return [
    `INSERT INTO agg SELECT ${GROUPED} FROM (SELECT ${keyExprs(cols, NO_NAME)}, ${sums(cols, "parquet")}
      FROM ${source} WHERE ${AWS_BEDROCK}) GROUP BY ALL`,
    `INSERT INTO agg SELECT ${GROUPED} FROM (SELECT ${keyExprs(cols, productName(cols))}, ${sums(cols, "parquet")}
      FROM ${source} WHERE ${marketplace(cols)} AND NOT coalesce("line_item_product_code", '') LIKE 'AmazonBedrock%') WHERE product_name ILIKE '%bedrock%' GROUP BY ALL`,
  ];
}

/** Marketplace product codes and names: decodes the `product` map once, without the other columns. */
export function marketplaceNamesSql(source: string, cols: FileColumns): string {
  return `SELECT DISTINCT "line_item_product_code" AS code, ${productName(cols)} AS name FROM ${source}
    WHERE ${marketplace(cols)} AND NOT coalesce("line_item_product_code", '') LIKE 'AmazonBedrock%'`;
}

/**
 * Parquet when each Bedrock-edition Marketplace product code has one name (the usual case): one
 * scan instead of two, the name written in from `names` instead of read from the map per line.
 * Selects exactly the lines parquetSql selects, with the same keys.
 */
export function parquetOneScanSql(source: string, cols: FileColumns, names: [string, string][]): string {
  const code = `"line_item_product_code"`;
  const named = `${marketplace(cols)} AND NOT ${AWS_BEDROCK} AND ${code} IN (${names.map(([c]) => quote(c)).join(", ")})`;
  const name = names.length
    ? `CASE WHEN ${named} THEN CASE ${code} ${names.map(([c, n]) => `WHEN ${quote(c)} THEN ${quote(n)}`).join(" ")} END END`
    : NO_NAME;
  const where = names.length ? `(${AWS_BEDROCK} OR (${named}))` : AWS_BEDROCK;
  return `INSERT INTO agg SELECT ${GROUPED} FROM (SELECT ${keyExprs(cols, name)}, ${sums(cols, "parquet")}
    FROM ${source} WHERE ${where}) GROUP BY ALL`;
}

/** Line count from the Parquet footers; the newest day from column statistics. */
export function parquetTotalsSql(source: string): string {
  return `SELECT count(*)::DOUBLE AS n, substr(CAST(max("line_item_usage_start_date") AS VARCHAR), 1, 10) AS max_day FROM ${source}`;
}

/**
 * CSV.gz can only be parsed whole, so one pass: candidates by daily key, everything else into one
 * counting group (cand = false). The JSON product map is parsed only for Marketplace lines.
 */
export function csvSql(source: string, cols: FileColumns): string {
  const mp = cols.has("bill_billing_entity") ? `("bill_billing_entity" = 'AWS Marketplace')` : "TRUE";
  const keys = KEY_COLUMNS.map((c) => `CASE WHEN cand THEN ${c} END AS ${c}`).join(", ");
  return `CREATE OR REPLACE TEMP TABLE file_agg AS
  SELECT cand, ${keys}, ${exactSum("usage_amount")} AS usage_amount, ${exactSum("cost")} AS cost, ${exactSum("list_cost")} AS list_cost,
    count(*)::DOUBLE AS n, max(day) AS max_day
  FROM (SELECT *, (product_code LIKE 'AmazonBedrock%' OR coalesce(product_name, '') ILIKE '%bedrock%') AS cand
    FROM (SELECT ${keyExprs(cols, `CASE WHEN ${mp} THEN ${productName(cols)} END`)},
      ${sums(cols, "csv")} FROM ${source}))
  GROUP BY ALL`;
}
