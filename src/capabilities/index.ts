import { budgetStatusCapability } from "./budget-status.js";
import { checkRolePermissions } from "./check-role-permissions.js";
import { detectAnomaliesCapability } from "./detect-anomalies.js";
import { forecastSpendCapability } from "./forecast-spend.js";
import { listIdleThroughput } from "./idle-throughput.js";
import { listModelLifecycle } from "./lifecycle.js";
import { onboardingStatus } from "./onboarding-status.js";
import { reconcileSpend } from "./reconcile.js";
import { getSpendByModel } from "./spend.js";
import type { AnyCapability } from "./types.js";
import { usageCapability } from "./usage.js";

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
