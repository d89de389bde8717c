import type { AwsAccess, AwsClients } from "../../aws/access.js";
import { type AwsErrorDescription, describeAwsError } from "../../aws/errors.js";
import type { AccountConfig, Config } from "../../config.js";
import { VERIFY_ACTION } from "../actions.js";
import { neededActions } from "./needed.js";
import { probe } from "./probe.js";
import { type ResolvedRole, resolveRoleArn } from "./resolve-role.js";
import { simulateNeeds } from "./simulate.js";
import type { AccountPermissions, Decision, Method, NeededAction, PermissionCheck } from "./types.js";

/** Assumes the account's role (or checks the default credentials); the error says how to fix it. */
export async function tryAssume(aws: AwsAccess, account: AccountConfig): Promise<AwsErrorDescription | null> {
  try {
    await aws.credentials(account)();
    return null;
  } catch (err) {
    return describeAwsError(err, { action: "sts:AssumeRole", account: account.id, roleArn: account.roleArn });
  }
}

function toCheck(
  n: NeededAction,
  decision: Decision,
  method: Method,
  detail: string | null,
): PermissionCheck {
  const ok = n.expected === "allowed" ? decision === "allowed" : decision === "denied";
  const resource = n.resources[0] === "*" ? null : n.resources.join(", ");
  return {
    action: n.action,
    expected: n.expected,
    decision,
    method,
    ok,
    optional: Boolean(n.optional),
    resource,
    detail,
  };
}

/** Account ok: every required read allowed, nothing dangerous allowed; unknown dangerous is listed only. */
export function accountOk(checks: PermissionCheck[]): boolean {
  return checks.every((c) => c.ok || c.optional || (c.expected === "denied" && c.decision === "unknown"));
}

const deniedName = (name: string | undefined) => /denied|unauthorized|forbidden/i.test(name ?? "");

interface ProbeState {
  clients: AwsClients;
  accountId: string;
  now: Date;
  role: ResolvedRole;
  simulateError: AwsErrorDescription | null;
}

/** Without simulation: dangerous actions stay unknown, IAM ones reuse what was seen, reads are probed. */
async function probeCheck(n: NeededAction, s: ProbeState): Promise<PermissionCheck> {
  if (n.expected === "denied")
    return toCheck(n, "unknown", "none", "not verifiable without iam:SimulatePrincipalPolicy (never probed)");
  if (n.action === VERIFY_ACTION)
    return toCheck(
      n,
      deniedName(s.simulateError?.name) ? "denied" : "unknown",
      "probe",
      s.simulateError?.message ?? null,
    );
  const g = s.role.getRole;
  if (n.action === "iam:GetRole" && g)
    return g.ok
      ? toCheck(n, "allowed", "probe", null)
      : toCheck(n, deniedName(g.error.name) ? "denied" : "unknown", "probe", g.error.message);
  const r = await probe({ clients: s.clients, accountId: s.accountId, now: s.now, need: n });
  return toCheck(n, r.decision, "probe", r.detail);
}

/**
 * Checks one account's role: simulate every needed and dangerous action on the role's real ARN;
 * where simulation is not permitted, probe each read action with a harmless call and leave the
 * dangerous ones `unknown` (they are never probed).
 */
export async function checkAccountPermissions(
  aws: AwsAccess,
  account: AccountConfig,
  config: Config,
  now: Date,
): Promise<AccountPermissions> {
  const base = { accountId: account.id, simulateError: null, checks: [], unverified: [] };
  const assumeError = await tryAssume(aws, account);
  if (assumeError)
    return {
      ...base,
      roleArn: account.roleArn ?? null,
      assumable: false,
      method: "none",
      assumeError,
      ok: false,
    };

  const clients = aws.clients(account, account.regions[0]);
  const role = await resolveRoleArn(clients, account);
  const needs = neededActions(account, config, role.arn);
  let simulated: Map<NeededAction, Decision> | null = null;
  let simulateError: AwsErrorDescription | null = null;
  try {
    if (!role.arn)
      throw Object.assign(new Error("no IAM role or user ARN to simulate"), { name: "NoPolicySource" });
    simulated = await simulateNeeds(clients.iam, role.arn, needs);
  } catch (err) {
    simulateError = describeAwsError(err, {
      action: VERIFY_ACTION,
      account: account.id,
      roleArn: account.roleArn,
    });
  }

  const checks: PermissionCheck[] = [];
  for (const n of needs) {
    if (simulated) checks.push(toCheck(n, simulated.get(n) ?? "unknown", "simulate", null));
    else checks.push(await probeCheck(n, { clients, accountId: account.id, now, role, simulateError }));
  }
  const unverified = checks
    .filter((c) => c.expected === "denied" && c.decision === "unknown")
    .map((c) => c.action);
  return {
    ...base,
    roleArn: role.arn,
    assumable: true,
    method: simulated ? "simulate" : "probe",
    simulateError,
    assumeError: null,
    checks,
    unverified,
    ok: accountOk(checks),
  };
}
