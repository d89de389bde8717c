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

export const AGG_TABLE = `CREATE OR REPLACE TEMP TABLE agg (cand BOOLEAN, ${KEY_COLUMNS.map((c) => `${c} VARCHAR`).join(", ")},
  usage_amount DOUBLE, cost DOUBLE, list_cost DOUBLE, n DOUBLE, max_day VARCHAR)`;

export function quote(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

export function readExpr(path: string, format: CurFileFormat): string {
  return format === "parquet"
    ? `read_parquet(${quote(path)})`
    : `read_csv(${quote(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
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

/** Map columns are MAP in Parquet and JSON text in CSV (reference §1.3). */
function mapJson(cols: FileColumns, name: string): string {
  const type = cols.get(name);
  if (!type) return "CAST(NULL AS VARCHAR)";
  return type.startsWith("MAP")
    ? `CAST(to_json("${name}") AS VARCHAR)`
    : `NULLIF(CAST("${name}" AS VARCHAR), '')`;
}

function productName(cols: FileColumns): string {
  const type = cols.get("product");
  if (type?.startsWith("MAP")) return `"product"['product_name']`;
  if (type) return `json_extract_string(NULLIF("product", ''), '$.product_name')`;
  return text(cols, "product_product_name");
}

export function aggregateSql(source: string, cols: FileColumns, format: CurFileFormat): string {
  const inner: Record<KeyColumn, string> = {
    day: `substr(CAST("line_item_usage_start_date" AS VARCHAR), 1, 10)`,
    payer: text(cols, "bill_payer_account_id"),
    account: text(cols, "line_item_usage_account_id"),
    account_name: text(cols, "line_item_usage_account_name"),
    product_code: `coalesce(${text(cols, "line_item_product_code")}, '')`,
    billing_entity: text(cols, "bill_billing_entity"),
    product_name: productName(cols),
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
  const select = KEY_COLUMNS.map((c) => `${inner[c]} AS ${c}`).join(",\n    ");
  const keys = KEY_COLUMNS.map((c) => `CASE WHEN cand THEN ${c} END`).join(", ");
  return `INSERT INTO agg
  SELECT cand, ${keys},
    sum(usage_amount), sum(cost), sum(list_cost), count(*), max(day)
  FROM (SELECT ${select},
    ${num(cols, "line_item_usage_amount", format)} AS usage_amount,
    ${num(cols, "line_item_unblended_cost", format)} AS cost,
    ${num(cols, "pricing_public_on_demand_cost", format)} AS list_cost,
    (product_code ILIKE '%bedrock%' OR coalesce(product_name, '') ILIKE '%bedrock%') AS cand
    FROM ${source})
  GROUP BY ALL`;
}
