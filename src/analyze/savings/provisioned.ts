import type { PtServedFacts } from "../../domain/savings.js";
import type { IdleItem } from "../idle-throughput.js";
import { perM, tok, unitPrice, usd, usdOf } from "./cells.js";
import type { Candidate, SavingsContext, SavingsScope } from "./types.js";

/**
 * PROVISIONED VS ON-DEMAND (certain): a provisioned throughput's billed cost in the window against
 * what its traffic (CloudWatch tokens on its ARN) would have cost on-demand at the base model's
 * regional price. Savings = the difference when positive. A commitment that has not ended makes
 * the saving available from its end. IDLE (certain) comes from list_idle_throughput's analysis
 * over the same window; both change the same throughput, so they overlap.
 */

const ptScope = (p: { accountId: string; region: string; model: string; arn: string }): SavingsScope => ({
  account: p.accountId,
  accountName: null,
  region: p.region,
  model: p.model,
  principal: null,
  resourceId: p.arn,
});

/** The commitment's last day when it ends after `now`, else null (no commitment or already over). */
export function commitmentEnd(
  p: { commitment: string | null; commitmentExpiresAt: string | null },
  now: Date,
) {
  if (!p.commitment || !p.commitmentExpiresAt) return null;
  return Date.parse(p.commitmentExpiresAt) > now.getTime() ? p.commitmentExpiresAt.slice(0, 10) : null;
}

function ptActions(p: PtServedFacts, end: string | null): string[] {
  const move = `Point its callers at the on-demand model (${p.model} in ${p.region}) instead of the provisioned-model ARN.`;
  if (end)
    return [
      `Do not buy a new commitment: the ${p.commitment} commitment ends on ${end}; plan the move for that day (until then it is paid whether used or not).`,
      move,
      "Delete the provisioned throughput (DeleteProvisionedModelThroughput) once the commitment has ended.",
    ];
  return [
    move,
    "Then delete the provisioned throughput (DeleteProvisionedModelThroughput): it bills every hour.",
  ];
}

export function provisionedVsOnDemand(
  ctx: SavingsContext,
  pts: readonly PtServedFacts[],
  now: Date,
): Candidate[] {
  const out: Candidate[] = [];
  for (const p of pts) {
    if (p.costUsd === null) continue;
    const where = { model: p.model, region: p.region };
    const q = { route: "regional" as const, pricingModel: "on_demand" };
    const inPrice = unitPrice(ctx, where, { ...q, tokenType: "input" });
    const outPrice = unitPrice(ctx, where, { ...q, tokenType: "output" });
    if (inPrice === null || outPrice === null) continue;
    const onDemand = usdOf(p.inputTokens, inPrice) + usdOf(p.outputTokens, outPrice);
    const saving = p.costUsd - onDemand;
    if (saving <= 0) continue;
    const end = commitmentEnd(p, now);
    out.push({
      id: `provisioned_vs_on_demand:${p.arn}`,
      kind: "provisioned_vs_on_demand",
      title: `Serve ${p.name} (${p.model}, ${p.modelUnits} model unit${p.modelUnits === 1 ? "" : "s"}) on-demand: its traffic would cost ${usd(onDemand)} instead of ${usd(p.costUsd)}`,
      scope: ptScope(p),
      windowSavingsUsd: saving,
      basisUsd: p.costUsd,
      confidence: "certain",
      assumptions: [
        `The same traffic at the on-demand list price in effect on ${ctx.priceDay}; on-demand quotas (tokens per minute) must cover its peak.`,
        ...(end ? [`The saving starts when the commitment ends on ${end}.`] : []),
      ],
      evidence: {
        items: [
          { label: "provisioned throughput cost (billed)", value: p.costUsd, unit: "USD" },
          { label: "billed hours", value: p.billedHours, unit: "hours" },
          { label: "invocations (CloudWatch)", value: p.invocations, unit: "invocations" },
          { label: "input tokens (CloudWatch)", value: p.inputTokens, unit: "tokens" },
          { label: "output tokens (CloudWatch)", value: p.outputTokens, unit: "tokens" },
          { label: "on-demand input price", value: inPrice, unit: "USD per 1M tokens" },
          { label: "on-demand output price", value: outPrice, unit: "USD per 1M tokens" },
        ],
        arithmetic: `${usd(p.costUsd)} billed − (${tok(p.inputTokens)} × ${perM(inPrice)} + ${tok(p.outputTokens)} × ${perM(outPrice)}) = ${usd(saving)} in ${ctx.days} days`,
      },
      action: ptActions(p, end),
      actionableFrom: end,
      footprint: [`pt:${p.arn}`],
    });
  }
  return out;
}

export function idleThroughput(ctx: SavingsContext, items: readonly IdleItem[], now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const i of items) {
    if (i.idleCostUsd === null || i.hourlyUsd === null || i.idleCostUsd <= 0) continue;
    const end = commitmentEnd(i, now);
    out.push({
      id: `idle_provisioned_throughput:${i.provisionedModelArn}`,
      kind: "idle_provisioned_throughput",
      title: `${i.name} (${i.model}) was idle ${i.idleHours} of ${i.lookbackHours} hours`,
      scope: ptScope({ ...i, arn: i.provisionedModelArn }),
      windowSavingsUsd: i.idleCostUsd,
      basisUsd: i.hourlyUsd * i.lookbackHours,
      confidence: "certain",
      assumptions: [
        "An hour without a CloudWatch invocation is idle; the hourly rate is the one the CUR billed in the window.",
        ...(end ? [`The saving starts when the commitment ends on ${end}.`] : []),
      ],
      evidence: {
        items: [
          { label: "hours in the window", value: i.lookbackHours, unit: "hours" },
          { label: "idle hours", value: i.idleHours, unit: "hours" },
          { label: "invocations", value: i.invocations, unit: "invocations" },
          { label: "hourly rate, all model units (billed)", value: i.hourlyUsd, unit: "USD" },
        ],
        arithmetic: `${i.idleHours} idle hours × ${usd(i.hourlyUsd)}/hour = ${usd(i.idleCostUsd)} in ${ctx.days} days`,
      },
      action: [i.recommendation],
      actionableFrom: end,
      footprint: [`pt:${i.provisionedModelArn}`],
    });
  }
  return out;
}
