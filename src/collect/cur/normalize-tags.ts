import type { CostAdjustmentTable } from "../../store/schema.js";

/** Credits, refunds, discounts and tax are kept beside cost, never in it (docs/architecture.md §4). */
export function adjustmentKind(lineItemType: string): CostAdjustmentTable["kind"] | null {
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
