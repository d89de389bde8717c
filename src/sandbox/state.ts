import type { SandboxFaults } from "./faults.js";
import type { IdentityStore } from "./identity.js";
import type { SandboxOrg } from "./org-data.js";
import type { InvocationLogStore } from "./org-logs.js";

/** What every service handler reads: the org, who is who, and the faults in force. */
export interface SandboxState {
  org: SandboxOrg;
  identities: IdentityStore;
  logs: InvocationLogStore;
  faults: SandboxFaults;
  /** Page sizes (AWS defaults; tests lower them to exercise pagination). */
  limits: SandboxLimits;
}

export interface SandboxLimits {
  listMetricsPage: number;
  simulatePage: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { listMetricsPage: 500, simulatePage: 100 };
