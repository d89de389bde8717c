import { z } from "zod";
import { forecastSpend } from "../analyze/forecast.js";
import { lastKnownCostDay } from "../store/queries/provenance.js";
import type { SpendGroupKey } from "../store/queries/spend.js";
import { addDays, isoDay, monthOf } from "../util/dates.js";
import { formatUsd } from "../util/table.js";
import { monthUnknownDays } from "./common.js";
import { loadDailySeries, readBilledThrough } from "./daily-series.js";
import { type Deps, defineCapability } from "./types.js";

const GROUP_KEY = z
  .string()
  .regex(/^(model|account|principal|region|token_type|pricing_model|route|tag:.+)$/, {
    message: "use model, account, principal, region, token_type, pricing_model, route or tag:<key>",
  })
  .describe(
    "A breakdown key: model, account, principal, region, token_type, pricing_model, route or tag:<key>",
  );

export const forecastInputSchema = z.strictObject({
  dimension: z
    .enum(["total", "model", "account", "principal"])
    .optional()
    .describe("What to forecast per row (default total: one row for all Bedrock spend)"),
  groupBy: z
    .array(GROUP_KEY)
    .min(1)
    .max(3)
    .optional()
    .describe("Any breakdown instead of dimension, e.g. [\"tag:team\"]; keys joined with ' | ' in key"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe("Max rows, largest month-to-date first (default 50)"),
});

const usd = (what: string) => z.number().describe(`${what}, USD`);

export const forecastOutputSchema = z.object({
  asOf: z.string().describe("Today (UTC day) the forecast is made on; its spend so far counts as actual"),
  dataThrough: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Last day up to asOf whose cost is known (billed, estimated or read by the metrics collector), null if none: monthToDateUsd leaves out the days after it — unknown, not $0; the forecast fills them",
    ),
  groupBy: z.array(z.string()).describe("Keys of each row (empty for total)"),
  rows: z.array(
    z.object({
      key: z
        .string()
        .nullable()
        .describe("Row key ('total', or the group values joined by ' | '; null = none)"),
      monthToDateUsd: usd("Spend from the 1st of this month through today (billed + estimated)"),
      monthEndUsd: usd("Forecast spend for the whole of this month"),
      monthEndLowUsd: usd("Lower end of the ~90% interval for this month"),
      monthEndHighUsd: usd("Upper end of the ~90% interval for this month"),
      nextMonthUsd: usd("Forecast spend for next month"),
      nextMonthLowUsd: usd("Lower end of the ~90% interval for next month"),
      nextMonthHighUsd: usd("Upper end of the ~90% interval for next month"),
      method: z
        .enum(["seasonal", "cold", "flat", "none"])
        .describe(
          "seasonal = weekday × level × trend; cold/flat = short history (wider interval); none = no data",
        ),
      historyDays: z.number().int().describe("Days of history (up to 56) behind the forecast"),
    }),
  ),
});

type Input = z.output<typeof forecastInputSchema>;
type Output = z.output<typeof forecastOutputSchema>;

async function runForecast(deps: Deps, input: Input): Promise<Output> {
  const asOf = isoDay(deps.now());
  const dim = input.dimension ?? "total";
  const keys = (input.groupBy ?? (dim === "total" ? [] : [dim])) as SpendGroupKey[];
  const through = await readBilledThrough(deps.db);
  const data = await loadDailySeries(
    deps.db,
    { from: addDays(asOf, -56), to: asOf },
    keys,
    undefined,
    through,
  );
  const rows = data.series.map((s) => {
    const f = forecastSpend(
      data.days.map((day, i) => ({ day, usd: s.values[i] })),
      asOf,
    );
    const key = keys.length === 0 ? "total" : s.keys.every((k) => k === null) ? null : s.keys.join(" | ");
    const { path: _path, asOf: _a, ...numbers } = f;
    return { key, ...numbers };
  });
  rows.sort((a, b) => b.monthToDateUsd - a.monthToDateUsd || b.monthEndUsd - a.monthEndUsd);
  const dataThrough = await lastKnownCostDay(deps.db, asOf, through);
  return { asOf, dataThrough, groupBy: keys, rows: rows.slice(0, input.limit ?? 50) };
}

export const forecastSpendCapability = defineCapability({
  name: "forecast_spend",
  title: "Forecast Bedrock spend to month end and next month",
  description:
    "Forecast of Amazon Bedrock spend in USD for the rest of this month and for next month, in total (default) " +
    "or per model, account, principal or any groupBy key. Weekday-aware (per-weekday factors × robust level × " +
    "trend over the last 8 weeks) with a ~90% interval; short histories get a flat model and a wider interval. " +
    "monthToDateUsd is billed CUR cost through billedThrough plus estimates after it.",
  inputSchema: forecastInputSchema,
  outputSchema: forecastOutputSchema,
  openWorld: false,
  run: runForecast,
  summarize: (out) => {
    const total = out.rows.reduce((s, r) => s + r.monthEndUsd, 0);
    const head = `Forecast as of ${out.asOf}: ${formatUsd(total)} this month across ${out.rows.length} row(s)`;
    const unknown = monthUnknownDays("month to date", monthOf(out.asOf), out.asOf, out.dataThrough);
    return unknown ? `${head}; ${unknown}` : head;
  },
  table: (out) => ({
    headers: ["key", "month to date", "month end", "low", "high", "next month", "low", "high", "method"],
    rows: out.rows.map((r) => [
      r.key ?? "(none)",
      formatUsd(r.monthToDateUsd),
      formatUsd(r.monthEndUsd),
      formatUsd(r.monthEndLowUsd),
      formatUsd(r.monthEndHighUsd),
      formatUsd(r.nextMonthUsd),
      formatUsd(r.nextMonthLowUsd),
      formatUsd(r.nextMonthHighUsd),
      r.method,
    ]),
  }),
  rowsKey: "rows",
  report: "forecast",
});
