import { z } from "zod";
import { findIdleThroughput } from "../analyze/idle-throughput.js";
import { readPtFacts } from "../store/queries/idle.js";
import { formatUsd } from "../util/table.js";
import { defineCapability } from "./types.js";

const inputSchema = z.object({
  lookbackDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(14)
    .describe("Hours of the last N days are checked (default 14)"),
  maxUtilizationPct: z
    .number()
    .min(0)
    .max(100)
    .default(10)
    .describe("List PTs whose utilization is at most this percent (default 10)"),
});

const itemSchema = z.object({
  provisionedModelArn: z.string(),
  name: z.string(),
  accountId: z.string().describe("12-digit AWS account id"),
  region: z.string(),
  model: z.string().describe("Canonical model name"),
  modelUnits: z.number(),
  commitment: z.string().nullable().describe("OneMonth | SixMonths | null (no commitment)"),
  commitmentExpiresAt: z.string().nullable().describe("ISO instant the commitment ends"),
  utilizationPct: z.number().describe("Percent (0-100) of the lookback's hours with at least one invocation"),
  invocations: z.number().describe("Invocations over the lookback"),
  lookbackHours: z.number().describe("Hours checked (fewer when the PT is younger than the lookback)"),
  idleHours: z.number(),
  hourlyUsd: z
    .number()
    .nullable()
    .describe("USD per hour for all its model units (CUR rate); null = not billed yet"),
  idleCostUsd: z
    .number()
    .nullable()
    .describe("USD paid for idle hours over the lookback; null = rate unknown"),
  recommendation: z.string(),
});

const outputSchema = z.object({
  lookbackDays: z.number(),
  maxUtilizationPct: z.number(),
  items: z.array(itemSchema),
  idleCostUsd: z.number().describe("Sum of known idleCostUsd"),
});

export const listIdleThroughput = defineCapability({
  name: "list_idle_throughput",
  title: "Idle Bedrock provisioned throughput",
  description:
    "Provisioned throughputs (PTs) used in at most maxUtilizationPct percent (default 10) of the hours of the " +
    "last lookbackDays days (default 14): utilizationPct, invocations, idle cost in USD at the hourly rate the " +
    "CUR last billed, commitment and expiry, and a recommendation (delete a no-commitment PT, reduce units, or " +
    "plan not to renew). Reads the local store (inventory, CloudWatch hours, CUR).",
  inputSchema,
  outputSchema,
  openWorld: false,
  async run(deps, input) {
    const now = deps.now();
    const facts = await readPtFacts(deps.db, now, input.lookbackDays);
    const items = findIdleThroughput(facts, { now, ...input });
    return { ...input, items, idleCostUsd: items.reduce((s, i) => s + (i.idleCostUsd ?? 0), 0) };
  },
  summarize(out) {
    if (!out.items.length)
      return `No provisioned throughput under ${out.maxUtilizationPct}% utilization in the last ${out.lookbackDays} days`;
    return `${out.items.length} provisioned throughput(s) under ${out.maxUtilizationPct}% utilization in the last ${out.lookbackDays} days: ${formatUsd(out.idleCostUsd)} paid for idle hours`;
  },
  table(out) {
    return {
      headers: [
        "name",
        "account",
        "region",
        "model",
        "units",
        "commitment",
        "utilization",
        "idle cost",
        "recommendation",
      ],
      rows: out.items.map((i) => [
        i.name,
        i.accountId,
        i.region,
        i.model,
        i.modelUnits,
        i.commitment ? `${i.commitment} → ${i.commitmentExpiresAt?.slice(0, 10) ?? "?"}` : "none",
        `${i.utilizationPct.toFixed(1)}%`,
        i.idleCostUsd === null ? "unknown" : formatUsd(i.idleCostUsd),
        i.recommendation,
      ]),
    };
  },
  rowsKey: "items",
  report: "idle",
});
