import { z } from "zod";
import { computeDrift } from "../derive/estimate.js";
import { billedThrough } from "../domain/billed-through.js";
import { LIKELY_CAUSES } from "../domain/facts.js";
import { readCurCoverage } from "../store/queries/provenance.js";
import { formatPct, formatUsd } from "../util/table.js";
import { fromSchema, resolveRange, toSchema } from "./common.js";
import { defineCapability } from "./types.js";

const inputSchema = z.object({ from: fromSchema, to: toSchema });

const rowSchema = z.object({
  day: z.string().describe("YYYY-MM-DD (UTC)"),
  model: z.string().describe("Canonical model name"),
  billedUsd: z.number().describe("CUR cost of the model that day, USD"),
  estimatedUsd: z
    .number()
    .nullable()
    .describe("Estimate (metrics × list price + fixed charges), USD; null = none"),
  driftPct: z
    .number()
    .nullable()
    .describe("(estimated − billed) / billed × 100; null when billed is 0 but something was estimated"),
  flagged: z.boolean().describe("|driftPct| > 5 (and at least $0.01), or unpriced estimated tokens"),
  likelyCause: z
    .enum(LIKELY_CAUSES)
    .nullable()
    .describe(
      "Why it drifts: missing_price, provisioned_usage, region_not_collected, cache_tokens_missing, " +
        "batch_not_in_metrics, unexplained; null when not flagged",
    ),
  causeDetail: z.string().nullable().describe("The evidence behind likelyCause"),
});

const outputSchema = z.object({
  from: z.string(),
  to: z.string(),
  billedThrough: z
    .string()
    .nullable()
    .describe("Last day fully covered by the CUR; later days cannot reconcile"),
  rows: z.array(rowSchema),
  flaggedCount: z.number().int(),
  billedUsd: z.number().describe("Sum of billedUsd over rows"),
  estimatedUsd: z.number().describe("Sum of known estimatedUsd over rows"),
});
type Output = z.infer<typeof outputSchema>;

export const reconcileSpend = defineCapability({
  name: "reconcile_spend",
  title: "Billed vs estimated Bedrock spend (estimate accuracy)",
  description:
    "For each day and model that has both billed CUR cost and an estimate (CloudWatch tokens × list price " +
    "plus provisioned-throughput hours), compares them: billedUsd, estimatedUsd, driftPct; drifts above 5% " +
    "are flagged with a likelyCause. Days after billedThrough cannot reconcile. Default range: first of " +
    "this month to today (UTC).",
  inputSchema,
  outputSchema,
  openWorld: false,
  async run(deps, input): Promise<Output> {
    const { from, to } = await resolveRange(deps, input);
    const rows = await computeDrift(deps.db, from, to);
    return {
      from,
      to,
      billedThrough: billedThrough(await readCurCoverage(deps.db)),
      rows,
      flaggedCount: rows.filter((r) => r.flagged).length,
      billedUsd: rows.reduce((s, r) => s + r.billedUsd, 0),
      estimatedUsd: rows.reduce((s, r) => s + (r.estimatedUsd ?? 0), 0),
    };
  },
  summarize(out) {
    if (!out.rows.length)
      return `No day in ${out.from} → ${out.to} has both billed and estimated cost (billed through ${out.billedThrough ?? "—"})`;
    const drift = out.billedUsd > 0 ? (out.estimatedUsd - out.billedUsd) / out.billedUsd : null;
    return (
      `Reconciliation ${out.from} → ${out.to}: billed ${formatUsd(out.billedUsd)}, estimated ${formatUsd(out.estimatedUsd)} ` +
      `(drift ${formatPct(drift)}); ${out.flaggedCount} of ${out.rows.length} day×model rows flagged`
    );
  },
  table(out) {
    return {
      headers: ["day", "model", "billed", "estimated", "drift", "flagged", "likely cause"],
      rows: out.rows.map((r) => [
        r.day,
        r.model,
        formatUsd(r.billedUsd),
        r.estimatedUsd === null ? "—" : formatUsd(r.estimatedUsd),
        r.driftPct === null ? "—" : `${r.driftPct.toFixed(1)}%`,
        r.flagged ? "yes" : "",
        r.likelyCause ?? "",
      ]),
    };
  },
  rowsKey: "rows",
  report: "reconcile",
});
