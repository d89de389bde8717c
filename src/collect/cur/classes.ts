import type { DuckDBConnection } from "@duckdb/node-api";
import { type Classification, classifyLine, isBedrockLine } from "../../domain/usage-type/classify.js";
import { coder, rows, tableWriter } from "./duck.js";

/**
 * The classifier, once per distinct line key of the period (a few hundred), as DuckDB table
 * `k_cls`. A key is the classifier's input: product code, billing entity, product name, usage
 * type, operation, description, pricing unit, and what the resource id says about the model
 * (k_res) — not the resource id itself, which can be as many as the lines.
 */

export const CLASS_KEY = [
  "product_code",
  "billing_entity",
  "product_name",
  "usage_type",
  "operation",
  "description",
  "pricing_unit",
] as const;

export interface ClassEntry {
  isBedrock: boolean;
  /** The canonical columns this key stores (index into Classes.canon); -1 when not Bedrock. */
  cc: number;
  warning: string | null;
  /** Model credited with an adjustment on this key (none for an unrecognised usage type). */
  adjustmentModel: string | null;
}

/** Everything a cost row takes from its key; rows of keys with equal tuples merge. */
export interface CanonClass {
  region: string | null;
  model: string;
  model_id: string | null;
  token_type: string;
  cache_ttl: string | null;
  pricing_model: string;
  route: string;
  usage_type: string;
  product_code: string;
  unit: string | null;
}

/** Rollup dimensions that come from the class, with their key dictionaries. */
export const CLASS_DIMS = ["model", "token_type", "pricing_model", "route", "region"] as const;

export interface Classes {
  byId: ClassEntry[];
  canon: CanonClass[];
  dimKeys: Record<string, (string | null)[]>;
}

function canonOf(c: Classification, usageType: string, productCode: string, unit: string | null): CanonClass {
  return {
    region: c.region,
    model: c.model,
    model_id: c.modelId,
    token_type: c.tokenType,
    cache_ttl: c.cacheTtl,
    pricing_model: c.pricingModel,
    route: c.route,
    usage_type: usageType,
    product_code: productCode,
    unit,
  };
}

async function writeCanon(con: DuckDBConnection, classes: Classes): Promise<void> {
  const codes = CLASS_DIMS.map((d) => {
    classes.dimKeys[d] = [];
    return coder(classes.dimKeys[d]);
  });
  const w = await tableWriter(con, "k_cc", [
    ["id", "INTEGER"],
    ...CLASS_DIMS.map((d): [string, "INTEGER"] => [`${d}_k`, "INTEGER"]),
    ["token_none", "BOOLEAN"],
  ]);
  for (const [i, c] of classes.canon.entries())
    w.add([i, ...CLASS_DIMS.map((d, j) => codes[j](c[d])), c.token_type === "none"]);
  w.close();
}

export async function buildClasses(con: DuckDBConnection): Promise<Classes> {
  const classes: Classes = { byId: [], canon: [], dimKeys: {} };
  const canonIds = new Map<string, number>();
  const w = await tableWriter(con, "k_cls", [
    ...CLASS_KEY.map((c): [string, "VARCHAR"] => [c, "VARCHAR"]),
    ["res_model_id", "VARCHAR"],
    ["res_prov", "BOOLEAN"],
    ["id", "INTEGER"],
    ["is_bedrock", "BOOLEAN"],
    ["cc", "INTEGER"],
    ["tokens_per_unit", "DOUBLE"],
    ["token_none", "BOOLEAN"],
  ]);
  const keys = `${CLASS_KEY.map((c) => `a.${c}`).join(", ")}, r.res_model_id, r.res_prov`;
  for await (const row of rows(
    con,
    `SELECT DISTINCT ${keys} FROM agg a JOIN k_res r ON a.resource_id IS NOT DISTINCT FROM r.v ORDER BY ALL`,
  )) {
    const [productCode, billingEntity, productName, usageType, operation, description, pricingUnit] = row as (
      | string
      | null
    )[];
    const resource = { modelId: row[7] as string | null, provisioned: row[8] as boolean };
    const bedrock = isBedrockLine(productCode ?? "", billingEntity, productName);
    const key = {
      productCode: productCode ?? "",
      billingEntity,
      productName,
      usageType: usageType ?? "",
      operation,
      description,
      pricingUnit,
      resourceId: null,
    };
    const c = classifyLine(key, resource);
    let cc = -1;
    if (bedrock) {
      const canon = canonOf(c, key.usageType, key.productCode, pricingUnit);
      const id = JSON.stringify(Object.values(canon));
      cc = canonIds.get(id) ?? classes.canon.push(canon) - 1;
      canonIds.set(id, cc);
    }
    const id = classes.byId.length;
    classes.byId.push({
      isBedrock: bedrock,
      cc,
      warning: c.warning ?? null,
      adjustmentModel: key.usageType && !c.warning ? c.model : null,
    });
    w.add([...row, id, bedrock, cc, c.tokensPerUnit, c.tokenType === "none"]);
  }
  w.close();
  await writeCanon(con, classes);
  return classes;
}
