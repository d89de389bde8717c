import type { ProvisionedCharge } from "../domain/facts.js";
import { addDays, eachDay } from "../util/dates.js";
import type { EstimateRow } from "./estimate-types.js";

const HOUR_MS = 3_600_000;

/** Hours of `day` (UTC) the PT existed, up to `now` (today counts only the hours so far). */
export function chargedHours(day: string, createdAt: string | null, now: Date): number {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const dayEnd = Date.parse(`${addDays(day, 1)}T00:00:00Z`);
  const created = createdAt ? Date.parse(createdAt) : Number.NEGATIVE_INFINITY;
  const start = Math.max(dayStart, Number.isNaN(created) ? dayStart : created);
  const end = Math.min(dayEnd, now.getTime());
  return Math.max(0, (end - start) / HOUR_MS);
}

/**
 * Fixed charges: provisioned throughput is billed per model-unit-hour whether or not it is used,
 * and CloudWatch tokens say nothing about it. Each PT in the inventory costs units × hours × the
 * rate the CUR last billed for it; a PT the CUR never billed yet has an unknown cost (NULL).
 */
export function fixedCharges(
  pts: readonly ProvisionedCharge[],
  from: string,
  to: string,
  now: Date,
  accountNames: ReadonlyMap<string, string>,
): EstimateRow[] {
  const out: EstimateRow[] = [];
  for (const pt of pts) {
    for (const day of eachDay(from, to)) {
      const hours = chargedHours(day, pt.createdAt, now);
      if (hours <= 0) continue;
      out.push({
        day,
        account: pt.account,
        account_name: accountNames.get(pt.account) ?? null,
        region: pt.region,
        model: pt.model,
        model_id: pt.modelId,
        token_type: "none",
        cache_ttl: null,
        pricing_model: "provisioned",
        route: "regional",
        principal: null,
        resource_id: pt.arn,
        tags: "{}",
        tokens: 0,
        cost_usd: pt.usdPerUnitHour === null ? null : pt.usdPerUnitHour * pt.modelUnits * hours,
        source: "fixed",
      });
    }
  }
  return out;
}
