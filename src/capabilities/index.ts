import { checkRolePermissions } from "./check-role-permissions.js";
import { detectAnomaliesCapability } from "./detect-anomalies.js";
import { forecastSpendCapability } from "./forecast-spend.js";
import { budgetStatusCapability } from "./get-budget-status.js";
import { getSpendByModel } from "./get-spend-by-model.js";
import { usageCapability } from "./get-token-usage.js";
import { listIdleThroughput } from "./list-idle-throughput.js";
import { listModelLifecycle } from "./list-model-lifecycle.js";
import { onboardingStatus } from "./onboarding-status.js";
import { reconcileSpend } from "./reconcile-spend.js";
import type { AnyCapability } from "./types.js";

/**
 * Every capability, in the order surfaces list them. MCP registers each as a tool; the CLI
 * mirrors each as `report <capability.report>`. Add new capabilities here.
 */
export const capabilities: AnyCapability[] = [
  getSpendByModel,
  detectAnomaliesCapability,
  budgetStatusCapability,
  forecastSpendCapability,
  usageCapability,
  reconcileSpend,
  listIdleThroughput,
  listModelLifecycle,
  checkRolePermissions,
  onboardingStatus,
];
