import type { Insertable } from "kysely";
import {
  type Classification,
  type CurLineKey,
  classifyLine,
  isBedrockLine,
} from "../../domain/usage-type/classify.js";
import type { CostAdjustmentTable, CostDailyTable } from "../../store/schema.js";
import type { AggRow } from "./reader-types.js";

export type CostRow = Omit<Insertable<CostDailyTable>, "ingest_id">;
export type AdjustmentRow = Omit<Insertable<CostAdjustmentTable>, "ingest_id">;

export interface NormalizedPeriod {
  cost: CostRow[];
  adjustments: AdjustmentRow[];
  /** CUR lines that became cost or adjustment rows. */
  bedrockLines: number;
  /** Candidate lines that turned out not to be Bedrock, or Bedrock lines of an uncounted type. */
  skippedLines: number;
  costUsd: number;
  lastUsageDay: string | null;
  warnings: string[];
}

/** Credits, refunds, discounts and tax are kept beside cost, never in it (docs/architecture.md §4). */
export function adjustmentKind(lineItemType: string): AdjustmentRow["kind"] | null {
  if (lineItemType === "Credit") return "credit";
  if (lineItemType === "Refund") return "refund";
  if (lineItemType === "Tax") return "tax";
  if (/Discount$/.test(lineItemType)) return "discount"; // BundledDiscount, EdpDiscount, PrivateRateDiscount…
  return null;
}

/**
 * Tags as stored: cost-allocation resource tags by plain key (`user_team` → `team`; AWS-generated
 * `aws_*` dropped) and IAM principal tags as `iamPrincipal/<key>` (docs/aws-data.md §1.3–1.4).
 */
export function canonicalTags(resourceTags: string | null, tags: string | null): string {
  const out: Record<string, string> = {};
  const parse = (json: string | null): Record<string, unknown> => {
    if (!json) return {};
    try {
      const v = JSON.parse(json);
      return v && typeof v === "object" && !Array.isArray(v) ? v : {};
    } catch {
      return {};
    }
  };
  for (const [k, v] of Object.entries(parse(resourceTags))) {
    if (typeof v !== "string" || v === "" || k.startsWith("aws_")) continue;
    out[k.startsWith("user_") ? k.slice(5) : k] = v;
  }
  for (const [k, v] of Object.entries(parse(tags))) {
    if (typeof v === "string" && v !== "" && k.startsWith("iamPrincipal/")) out[k] = v;
  }
  return JSON.stringify(Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  cache.set(key, v);
  return v;
}

function lineKey(r: AggRow): CurLineKey {
  return {
    productCode: r.product_code ?? "",
    billingEntity: r.billing_entity,
    productName: r.product_name,
    usageType: r.usage_type ?? "",
    operation: r.operation,
    description: r.description,
    pricingUnit: r.pricing_unit,
    resourceId: r.resource_id,
  };
}

/** Daily Bedrock-candidate rows → canonical cost and adjustment rows. Each distinct key is classified once. */
export function normalizePeriod(period: string, rows: AggRow[]): NormalizedPeriod {
  const classes = new Map<string, Classification>();
  const isBedrock = new Map<string, boolean>();
  const tagCache = new Map<string, string>();
  const cost = new Map<string, CostRow>();
  const adjustments = new Map<string, AdjustmentRow>();
  const warnings = new Map<string, { lines: number; usd: number }>();
  const out = { bedrockLines: 0, skippedLines: 0, costUsd: 0, lastUsageDay: null as string | null };
  const warn = (w: string, r: AggRow) => {
    const s = warnings.get(w) ?? { lines: 0, usd: 0 };
    warnings.set(w, { lines: s.lines + r.n, usd: s.usd + r.cost });
  };
  for (const r of rows) {
    const bedrock = memo(isBedrock, `${r.product_code}\u0001${r.billing_entity}\u0001${r.product_name}`, () =>
      isBedrockLine(r.product_code ?? "", r.billing_entity, r.product_name),
    );
    if (!bedrock) {
      out.skippedLines += r.n;
      continue;
    }
    const key = lineKey(r);
    const c = memo(classes, Object.values(key).join("\u0001"), () => classifyLine(key));
    const type = r.line_item_type ?? "";
    const day = r.day ?? "";
    const kind = adjustmentKind(type);
    if (type !== "Usage" && !kind) {
      out.skippedLines += r.n;
      warn(`Bedrock lines of type "${type}" are not counted as cost`, r);
      continue;
    }
    out.bedrockLines += r.n;
    if (kind) {
      const model = key.usageType && !c.warning ? c.model : null;
      const ak = [day, r.account, kind, type, model].join("\0");
      const a = adjustments.get(ak);
      if (a) a.amount_usd += r.cost;
      else
        adjustments.set(ak, {
          period,
          day,
          account: r.account ?? "",
          kind,
          line_item_type: type,
          model,
          amount_usd: r.cost,
        });
      continue;
    }
    if (c.warning) warn(c.warning, r);
    const tags = memo(tagCache, `${r.resource_tags}\0${r.tags}`, () =>
      canonicalTags(r.resource_tags, r.tags),
    );
    const row: CostRow = {
      period,
      day,
      payer_account: r.payer,
      account: r.account ?? "",
      account_name: r.account_name,
      region: c.region,
      model: c.model,
      model_id: c.modelId,
      token_type: c.tokenType,
      cache_ttl: c.cacheTtl,
      pricing_model: c.pricingModel,
      route: c.route,
      principal: r.principal,
      resource_id: r.resource_id,
      tags,
      usage_type: key.usageType,
      product_code: key.productCode,
      tokens: c.tokenType === "none" ? 0 : r.usage_amount * c.tokensPerUnit,
      usage_amount: r.usage_amount,
      unit: r.pricing_unit,
      cost_usd: r.cost,
      list_cost_usd: r.list_cost,
    };
    out.costUsd += r.cost;
    if (!out.lastUsageDay || day > out.lastUsageDay) out.lastUsageDay = day;
    const rk = [
      day,
      row.payer_account,
      row.account,
      row.account_name,
      row.region,
      row.model,
      row.model_id,
      row.token_type,
      row.cache_ttl,
      row.pricing_model,
      row.route,
      row.principal,
      row.resource_id,
      tags,
      row.usage_type,
      row.product_code,
      row.unit,
    ].join("\0");
    const prev = cost.get(rk);
    if (!prev) cost.set(rk, row);
    else {
      prev.tokens = Number(prev.tokens) + Number(row.tokens);
      prev.usage_amount = Number(prev.usage_amount) + r.usage_amount;
      prev.cost_usd += r.cost;
      prev.list_cost_usd =
        prev.list_cost_usd == null || r.list_cost == null ? null : prev.list_cost_usd + r.list_cost;
    }
  }
  return {
    ...out,
    cost: [...cost.values()],
    adjustments: [...adjustments.values()],
    warnings: [...warnings].map(([w, s]) => `${w} (${s.lines} line(s), $${s.usd.toFixed(2)})`),
  };
}
