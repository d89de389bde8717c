import { z } from "zod";
import { rollupUsage, USAGE_GROUP_KEYS } from "../analyze/usage.js";
import { UsageError } from "../errors.js";
import { lastSuccessAt } from "../store/queries/collection-run.js";
import { modelIdContext, usageByModelId } from "../store/queries/usage.js";
import { formatInt } from "../util/table.js";
import { filtersSchema, fromSchema, provenanceSchema, resolveRange, toSchema } from "./common.js";
import { defineCapability } from "./types.js";

const MAX_ROWS = 5000;

const inputSchema = z.object({
  from: fromSchema,
  to: toSchema,
  groupBy: z
    .array(z.enum(USAGE_GROUP_KEYS))
    .min(1)
    .default(["model"])
    .describe("Group rows by these keys (default [model]); model_id is the raw CloudWatch ModelId"),
  filters: filtersSchema
    .optional()
    .describe(
      "Filters on model, account, region, pricing_model (CloudWatch has no caller, tag or token type)",
    ),
});

const cell = z.string().nullable().optional();
const rowSchema = z.object({
  model: cell.describe("Canonical model name"),
  model_id: cell.describe("Raw CloudWatch ModelId (base id, profile id or provisioned-model ARN)"),
  account: cell.describe("12-digit AWS account id"),
  accountName: cell.describe("Account name from the config"),
  region: cell,
  day: cell.describe("YYYY-MM-DD (UTC)"),
  hour: cell.describe("YYYY-MM-DDTHH:00Z (UTC)"),
  invocations: z.number().describe("Invocations (Sum)"),
  inputTokens: z.number().describe("Input tokens, excluding cache reads/writes"),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  throttles: z.number().describe("InvocationThrottles (not counted in invocations)"),
  errors: z.number().describe("Client + server errors"),
  avgLatencyMs: z.number().nullable().describe("Invocation-weighted average latency, ms"),
});

const outputSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(rowSchema),
  truncated: z.boolean().describe(`True when more than ${MAX_ROWS} rows matched`),
  provenance: provenanceSchema,
});

export const usageCapability = defineCapability({
  name: "get_token_usage",
  title: "Token usage from CloudWatch",
  description:
    "Invocations, input/output/cache tokens, throttles, errors and latency per model, account, region, " +
    "day or hour, from CloudWatch AWS/Bedrock metrics (minutes fresh; counts, no dollars, no caller). " +
    "Provisioned-throughput traffic included. Dates are UTC days, inclusive; default this month to today.",
  inputSchema,
  outputSchema,
  openWorld: false,
  rowsKey: "rows",
  report: "usage",
  async run(deps, input) {
    const { from, to } = await resolveRange(deps, input);
    const f = input.filters ?? {};
    for (const k of ["principal", "tag", "token_type"] as const) {
      if (f[k]) throw new UsageError(`filter ${k} is not available for CloudWatch usage (no such dimension)`);
    }
    const groupBy = [...new Set(input.groupBy)];
    const bucket = groupBy.includes("hour") ? "hour" : groupBy.includes("day") ? "day" : null;
    const [sqlRows, ctx, lastCollectedAt] = await Promise.all([
      usageByModelId(deps.db, {
        fromHour: `${from}T00:00Z`,
        toHour: `${to}T23:00Z`,
        bucket,
        accounts: f.account,
        regions: f.region,
      }),
      modelIdContext(deps.db),
      lastSuccessAt(deps.db, "metrics"),
    ]);
    const accountNames = new Map(deps.config.accounts.flatMap((a) => (a.name ? [[a.id, a.name]] : [])));
    const all = rollupUsage(sqlRows, {
      groupBy,
      ctx,
      models: f.model,
      pricingModels: f.pricing_model,
      accountNames,
    });
    return {
      from,
      to,
      rows: all.slice(0, MAX_ROWS),
      truncated: all.length > MAX_ROWS,
      provenance: {
        source: "estimated" as const,
        billedThrough: null,
        estimatedFrom: from,
        lastCollectedAt,
        coverage: { principalPct: null, taggedPct: null },
      },
    };
  },
  summarize(out) {
    const sum = (k: "invocations" | "inputTokens" | "outputTokens") => out.rows.reduce((s, r) => s + r[k], 0);
    return (
      `Token usage ${out.from}..${out.to} (CloudWatch): ${formatInt(sum("invocations"))} invocations, ` +
      `${formatInt(sum("inputTokens"))} input and ${formatInt(sum("outputTokens"))} output tokens in ${out.rows.length} rows` +
      (out.truncated ? " (truncated)" : "")
    );
  },
  table(out) {
    const keys = USAGE_GROUP_KEYS.filter((k) => out.rows.some((r) => r[k] !== undefined));
    const headers = [
      ...keys,
      "invocations",
      "input",
      "output",
      "cache read",
      "cache write",
      "throttles",
      "errors",
    ];
    return {
      headers: [...headers, "avg ms"],
      rows: out.rows.map((r) => [
        ...keys.map((k) => r[k] ?? null),
        formatInt(r.invocations),
        formatInt(r.inputTokens),
        formatInt(r.outputTokens),
        formatInt(r.cacheReadTokens),
        formatInt(r.cacheWriteTokens),
        formatInt(r.throttles),
        formatInt(r.errors),
        r.avgLatencyMs === null ? null : Math.round(r.avgLatencyMs),
      ]),
    };
  },
});
