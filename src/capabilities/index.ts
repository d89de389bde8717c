import type { z } from "zod";
import { checkRolePermissions } from "./check-role-permissions.js";
import { detectAnomaliesCapability } from "./detect-anomalies.js";
import { forecastSpendCapability } from "./forecast-spend.js";
import { budgetStatusCapability } from "./get-budget-status.js";
import { getSavingsOpportunities } from "./get-savings-opportunities.js";
import { getSpendByModel } from "./get-spend-by-model.js";
import { usageCapability } from "./get-token-usage.js";
import { listIdleThroughput } from "./list-idle-throughput.js";
import { listModelLifecycle } from "./list-model-lifecycle.js";
import { onboardingStatus } from "./onboarding-status.js";
import { reconcileSpend } from "./reconcile-spend.js";
import type { AnyCapability } from "./types.js";

/** Keys must equal each capability's tool name; the type checker holds every entry to it. */
function defineRegistry<R extends Record<string, AnyCapability>>(r: R & { [K in keyof R]: { name: K } }): R {
  return r;
}

/**
 * Every capability, keyed by its MCP tool name, in the order surfaces list them. MCP registers each
 * as a tool; the CLI mirrors each as `report <capability.report>`; Slack, the demo and the jobs
 * call them by name and get the real input and output types. Add new capabilities here.
 */
export const registry = defineRegistry({
  get_spend_by_model: getSpendByModel,
  detect_anomalies: detectAnomaliesCapability,
  get_budget_status: budgetStatusCapability,
  forecast_spend: forecastSpendCapability,
  get_token_usage: usageCapability,
  reconcile_spend: reconcileSpend,
  list_idle_throughput: listIdleThroughput,
  list_model_lifecycle: listModelLifecycle,
  check_role_permissions: checkRolePermissions,
  onboarding_status: onboardingStatus,
  get_savings_opportunities: getSavingsOpportunities,
});

export type Registry = typeof registry;
export type ToolName = keyof Registry;
/** What a caller may pass (defaults not yet applied). */
export type ToolInput<N extends ToolName> = z.input<Registry[N]["inputSchema"]>;
/** The tool's structured output: the one shape every surface reads. */
export type ToolOutput<N extends ToolName> = z.output<Registry[N]["outputSchema"]>;
/** A subset of the registry (tests and builds that leave tools out), still typed by name. */
export type ToolSet = { readonly [N in ToolName]?: Registry[N] };

/** The registry as a list, for surfaces that walk every tool (MCP, CLI `report`, the manifest). */
export const capabilities: readonly AnyCapability[] = Object.values(registry);
