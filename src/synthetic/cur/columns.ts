/**
 * The CUR 2.0 columns the generator writes: names and types of CID's Glue table
 * (test/fixtures/cur2/cid-cur2-glue-table-columns.json) plus a few more listed in docs/aws-data.md §1.3.
 * Each is an SQL expression over the compact staging table `gen` (see writer.ts).
 */

const PERIOD_START = "CAST($period_start AS TIMESTAMP)";
const END = "(CAST(start AS TIMESTAMP) + to_hours(hours))";
const MAP_SS = "MAP(VARCHAR, VARCHAR)";

const zero = (names: string[]) => names.map((n): [string, string] => [n, "CAST(0 AS DOUBLE)"]);
const blank = (names: string[]) => names.map((n): [string, string] => [n, "''"]);
const nullOf = (type: string, names: string[]) =>
  names.map((n): [string, string] => [n, `CAST(NULL AS ${type})`]);

export const CUR_COLUMNS: [string, string][] = [
  ["bill_bill_type", "'Anniversary'"],
  ["bill_billing_entity", "billing_entity"],
  ["bill_billing_period_end_date", `(${PERIOD_START} + INTERVAL 1 MONTH)`],
  ["bill_billing_period_start_date", PERIOD_START],
  ["bill_invoice_id", "''"],
  ["bill_invoicing_entity", "'Amazon Web Services, Inc.'"],
  ["bill_payer_account_id", "payer"],
  ["bill_payer_account_name", "'acme-payer'"],
  [
    "cost_category",
    `CAST(MAP {'environment': CASE account_name WHEN 'prod' THEN 'production' ELSE 'non-production' END} AS ${MAP_SS})`,
  ],
  ["discount", "CAST(MAP {} AS MAP(VARCHAR, DOUBLE))"],
  ...zero(["discount_bundled_discount", "discount_total_discount"]),
  ["identity_line_item_id", "md5(concat($period_start, '/', $delivery, '/', CAST(rowid AS VARCHAR)))"],
  [
    "identity_time_interval",
    `concat(strftime(CAST(start AS TIMESTAMP), '%Y-%m-%dT%H:%M:%SZ'), '/', strftime(${END}, '%Y-%m-%dT%H:%M:%SZ'))`,
  ],
  ["line_item_availability_zone", "''"],
  ["line_item_blended_cost", "cost"],
  ["line_item_blended_rate", "rate"],
  ["line_item_currency_code", "'USD'"],
  [
    "line_item_legal_entity",
    "CASE billing_entity WHEN 'AWS' THEN 'Amazon Web Services, Inc.' ELSE 'AWS Marketplace seller' END",
  ],
  ["line_item_line_item_description", "description"],
  ["line_item_line_item_type", "line_item_type"],
  ["line_item_operation", "operation"],
  ["line_item_product_code", "product_code"],
  ["line_item_resource_id", "resource_id"],
  ["line_item_iam_principal", "NULLIF(principal, '')"],
  ["line_item_net_unblended_cost", "cost"],
  ["line_item_net_unblended_rate", "rate"],
  ["line_item_tax_type", "tax_type"],
  ["line_item_unblended_cost", "cost"],
  ["line_item_unblended_rate", "rate"],
  ["line_item_usage_account_id", "account"],
  ["line_item_usage_account_name", "account_name"],
  ["line_item_usage_amount", "usage_amount"],
  ["line_item_usage_end_date", END],
  ["line_item_usage_start_date", "CAST(start AS TIMESTAMP)"],
  ["line_item_usage_type", "usage_type"],
  ...blank(["pricing_lease_contract_length", "pricing_offering_class"]),
  ["pricing_currency", "'USD'"],
  ["pricing_public_on_demand_cost", "list_cost"],
  ["pricing_public_on_demand_rate", "rate"],
  ["pricing_purchase_option", "CASE line_item_type WHEN 'Usage' THEN 'OnDemand' ELSE '' END"],
  ["pricing_rate_code", "''"],
  ["pricing_term", "CASE line_item_type WHEN 'Usage' THEN 'OnDemand' ELSE '' END"],
  ["pricing_unit", "pricing_unit"],
  [
    "product",
    `CAST(MAP {'product_name': product_name, 'region': region, 'servicecode': product_code, 'usagetype': usage_type, 'operation': operation} AS ${MAP_SS})`,
  ],
  ["product_from_location", "''"],
  ["product_instance_type", "''"],
  ["product_product_family", "product_family"],
  ["product_region_code", "region"],
  ["product_servicecode", "product_code"],
  ["product_sku", "upper(substr(md5(concat(product_code, usage_type)), 1, 16))"],
  ["product_to_location", "''"],
  ...zero([
    "reservation_amortized_upfront_fee_for_billing_period",
    "reservation_effective_cost",
    "reservation_net_amortized_upfront_cost_for_usage",
    "reservation_net_amortized_upfront_fee_for_billing_period",
    "reservation_net_effective_cost",
    "reservation_net_recurring_fee_for_usage",
    "reservation_net_unused_amortized_upfront_fee_for_billing_period",
    "reservation_net_unused_recurring_fee",
    "reservation_net_upfront_value",
  ]),
  ...blank(["reservation_end_time", "reservation_reservation_a_r_n", "reservation_start_time"]),
  ...zero([
    "reservation_unused_amortized_upfront_fee_for_billing_period",
    "reservation_unused_recurring_fee",
  ]),
  ["resource_tags", `CAST(CAST(resource_tags AS JSON) AS ${MAP_SS})`],
  ...zero([
    "savings_plan_amortized_upfront_commitment_for_billing_period",
    "savings_plan_net_amortized_upfront_commitment_for_billing_period",
    "savings_plan_net_recurring_commitment_for_billing_period",
    "savings_plan_net_savings_plan_effective_cost",
  ]),
  ...blank([
    "savings_plan_end_time",
    "savings_plan_offering_type",
    "savings_plan_payment_option",
    "savings_plan_purchase_term",
    "savings_plan_savings_plan_a_r_n",
  ]),
  ["savings_plan_savings_plan_effective_cost", "CAST(0 AS DOUBLE)"],
  ["savings_plan_start_time", "''"],
  ...zero(["savings_plan_total_commitment_to_date", "savings_plan_used_commitment"]),
  ["split_line_item_parent_resource_id", "CAST(NULL AS VARCHAR)"],
  ...nullOf("DOUBLE", [
    "split_line_item_reserved_usage",
    "split_line_item_actual_usage",
    "split_line_item_split_usage",
    "split_line_item_split_usage_ratio",
    "split_line_item_split_cost",
    "split_line_item_unused_cost",
    "split_line_item_net_split_cost",
    "split_line_item_net_unused_cost",
    "split_line_item_public_on_demand_split_cost",
    "split_line_item_public_on_demand_unused_cost",
  ]),
  ["tags", `CAST(CAST(tags AS JSON) AS ${MAP_SS})`],
];

/** CSV/GZIP exports render map columns as JSON text and timestamps as ISO-8601 (docs/aws-data.md §1.3). */
export function csvExpr(name: string, expr: string): string {
  if (["cost_category", "discount", "product", "resource_tags", "tags"].includes(name))
    return `to_json(${expr})`;
  if (/^(bill_billing_period|line_item_usage)_(start|end)_date$/.test(name))
    return `strftime(${expr}, '%Y-%m-%dT%H:%M:%SZ')`;
  return expr;
}
