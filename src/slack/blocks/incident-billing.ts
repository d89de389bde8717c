import type { BillingOutcome } from "../outputs.js";
import { usd } from "./format.js";

/**
 * How an estimated incident's message reads once the CUR billed its days and detect_anomalies no
 * longer shows it (jobs/transition-rules.ts): the on-call engineer learns whether the money was
 * really spent. Pure.
 */

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${usd(Math.abs(v))}`;
const span = (b: BillingOutcome) => (b.from === b.to ? b.from : `${b.from} to ${b.to}`);

export function billedStatus(
  b: BillingOutcome,
  status: { mrkdwn: string; plain: string },
): { mrkdwn: string; plain: string } {
  if (b.kind === "below_floor")
    return {
      mrkdwn:
        `:white_check_mark: *Billed below the alert floor* — the CUR billed ${signed(b.impactUsd)} over normal for ` +
        `${span(b)}, not the ${signed(b.estimatedImpactUsd)} estimated: under the ${usd(b.floorUsd)} floor ` +
        "(anomaly.minImpactUsd). The estimate overstated it; nothing to act on.",
      plain: `billed below the alert floor: ${signed(b.impactUsd)} billed, not ${signed(b.estimatedImpactUsd)} as estimated — no action needed`,
    };
  return {
    mrkdwn: `${status.mrkdwn}\n:receipt: *Confirmed by the bill*: the CUR billed ${signed(b.impactUsd)} over normal for ${span(b)} (estimated ${signed(b.estimatedImpactUsd)})`,
    plain: `${status.plain} · confirmed by the bill: ${signed(b.impactUsd)} billed`,
  };
}

export function billedSourceText(b: BillingOutcome): string {
  return `billed (CUR): ${usd(b.billedUsd)} billed vs ${usd(b.estimatedUsd)} estimated for ${span(b)}`;
}
