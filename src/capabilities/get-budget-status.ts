import { z } from "zod";
import { type BudgetDay, budgetStatus } from "../analyze/budget.js";
import { forecastSpend } from "../analyze/forecast.js";
import type { BudgetConfig } from "../config.js";
import { lastKnownCostDay } from "../store/queries/provenance.js";
import type { SpendFilters } from "../store/queries/spend.js";
import { addDays, isoDay, monthEnd, monthOf, monthStart } from "../util/dates.js";
import { formatPct, formatUsd } from "../util/table.js";
import { monthSchema, monthUnknownDays } from "./common.js";
import { loadDailySeries, readBilledThrough } from "./daily-series.js";
import { type Deps, defineCapability } from "./types.js";

export const budgetInputSchema = z.strictObject({
  month: monthSchema.optional().describe("Month YYYY-MM (UTC). Default: the current month"),
});

const usd = (what: string) => z.number().describe(`${what}, USD`);

export const budgetOutputSchema = z.object({
  month: z.string().describe("The month YYYY-MM the status is for"),
  asOf: z.string().describe("Today (UTC day)"),
  dataThrough: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Last day of the month up to asOf whose cost is known (billed, estimated or read by the metrics collector), null if none: actualUsd leaves out the days after it — unknown, not $0 (the forecast fills them)",
    ),
  budgets: z.array(
    z.object({
      name: z.string().describe("Budget name from the config"),
      month: z.string().describe("Month YYYY-MM"),
      scope: z
        .record(z.string(), z.unknown())
        .describe("Config scope: {} = all Bedrock, or {model}|{account}|{principal}|{tag:{key,value}}"),
      limitUsd: usd("Monthly limit"),
      actualUsd: usd("Month-to-date spend = billedUsd + estimatedUsd"),
      billedUsd: usd("Part of actualUsd billed by the CUR (days through billedThrough)"),
      estimatedUsd: usd("Part of actualUsd estimated (days after billedThrough)"),
      pctUsed: z.number().describe("actualUsd as a percent (0-100+) of limitUsd"),
      forecastUsd: usd("Forecast spend for the whole month (= actual for past months)"),
      forecastLowUsd: usd("Lower end of the ~90% forecast interval"),
      forecastHighUsd: usd("Upper end of the ~90% forecast interval"),
      thresholds: z.array(
        z.object({
          threshold: z.number().describe("Fraction of the limit, e.g. 0.8"),
          crossedByActual: z.boolean().describe("actualUsd ≥ threshold × limit"),
          crossedByForecast: z.boolean().describe("forecastUsd ≥ threshold × limit"),
        }),
      ),
      exhaustedOn: z
        .string()
        .nullable()
        .describe("Day the limit was crossed, or will be at the forecast pace; null if not this month"),
      state: z.enum(["past", "current", "future"]).describe("Whether the month is over, current or ahead"),
    }),
  ),
});

type Input = z.output<typeof budgetInputSchema>;
type Output = z.output<typeof budgetOutputSchema>;

function scopeFilters(b: BudgetConfig): SpendFilters | undefined {
  const s = b.scope ?? {};
  if ("model" in s) return { model: [s.model] };
  if ("account" in s) return { account: [s.account] };
  if ("principal" in s) return { principal: [s.principal] };
  if ("tag" in s) return { tag: s.tag };
  return undefined;
}

async function runBudgets(deps: Deps, input: Input): Promise<Output> {
  const asOf = isoDay(deps.now());
  const month = input.month ?? monthOf(asOf);
  const through = await readBilledThrough(deps.db);
  const end = month < monthOf(asOf) ? monthEnd(month) : asOf;
  const from = [addDays(asOf, -56), monthStart(month)].sort()[0];
  const budgets = [];
  for (const b of deps.config.budgets) {
    const data = await loadDailySeries(deps.db, { from, to: end }, [], scopeFilters(b), through);
    const s = data.series[0];
    const days: BudgetDay[] = data.days.map((day, i) => ({
      day,
      billedUsd: s?.billed[i] ?? 0,
      estimatedUsd: s?.estimated[i] ?? 0,
    }));
    const forecast =
      month >= monthOf(asOf)
        ? forecastSpend(
            data.days.map((day, i) => ({ day, usd: s?.values[i] ?? null })),
            asOf,
          )
        : null;
    budgets.push(budgetStatus(b, month, days, forecast));
  }
  const known = await lastKnownCostDay(deps.db, end, through);
  return { month, asOf, dataThrough: known !== null && known >= monthStart(month) ? known : null, budgets };
}

/** Days of the month without cost data, which `actual` leaves out (null: none). */
export const budgetUnknownDays = (out: Pick<Output, "month" | "asOf" | "dataThrough">) =>
  monthUnknownDays("actual", out.month, out.asOf, out.dataThrough);

export const budgetStatusCapability = defineCapability({
  name: "get_budget_status",
  title: "Bedrock budget status",
  description:
    "Each configured Bedrock budget for a month (default: this month): month-to-date spend in USD (billed CUR " +
    "cost plus estimates after billedThrough, shown separately), percent used, forecast to month end with a " +
    "~90% interval, which thresholds the actual and the forecast cross, and the day the budget runs out " +
    "(exhaustedOn) at the forecast pace.",
  inputSchema: budgetInputSchema,
  outputSchema: budgetOutputSchema,
  openWorld: false,
  run: runBudgets,
  summarize: (out) => {
    const over = out.budgets.filter((b) => b.thresholds.some((t) => t.threshold >= 1 && t.crossedByForecast));
    const head = `${out.budgets.length} budget(s) for ${out.month}; ${over.length} forecast to exceed the limit`;
    const unknown = budgetUnknownDays(out);
    return unknown ? `${head}; ${unknown}` : head;
  },
  table: (out) => ({
    headers: ["budget", "limit", "actual", "used", "forecast", "low", "high", "exhausted on"],
    rows: out.budgets.map((b) => [
      b.name,
      formatUsd(b.limitUsd),
      formatUsd(b.actualUsd),
      formatPct(b.pctUsed / 100),
      formatUsd(b.forecastUsd),
      formatUsd(b.forecastLowUsd),
      formatUsd(b.forecastHighUsd),
      b.exhaustedOn ?? "",
    ]),
  }),
  rowsKey: "budgets",
  report: "budgets",
});
