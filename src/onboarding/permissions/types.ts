import type { AwsErrorDescription } from "../../aws/errors.js";

export type Decision = "allowed" | "denied" | "unknown";
export type Method = "simulate" | "probe" | "none";

/** One action the role must (or must not) hold, with the resource it is needed on. */
export interface NeededAction {
  action: string;
  expected: "allowed" | "denied";
  /** ARNs to simulate against (`*` when the action is not resource-scoped). */
  resources: string[];
  /**
   * Missing it is not a failure: iam:SimulatePrincipalPolicy only verifies the rest, and the
   * template's extra reads (UNUSED_READ_ACTIONS) are sent by no collector.
   */
  optional?: boolean;
  /** Where a probe must point (bucket/prefix/log group); absent for unscoped actions. */
  target?: { bucket?: string; prefix?: string; logGroup?: string };
}

export interface PermissionCheck {
  action: string;
  expected: "allowed" | "denied";
  decision: Decision;
  method: Method;
  ok: boolean;
  optional: boolean;
  /** The resource it was checked on, when scoped. */
  resource: string | null;
  detail: string | null;
}

export interface AccountPermissions {
  accountId: string;
  /** The role's real IAM ARN (from GetRole), never the assumed-role session ARN. */
  roleArn: string | null;
  assumable: boolean;
  /** How the read actions were checked: simulate, probe (simulation not permitted), none (not assumable). */
  method: Method;
  /** Why simulation could not be used, when it could not. */
  simulateError: AwsErrorDescription | null;
  assumeError: AwsErrorDescription | null;
  checks: PermissionCheck[];
  /** Dangerous actions that could not be verified as denied (listed, not failed). */
  unverified: string[];
  ok: boolean;
}
