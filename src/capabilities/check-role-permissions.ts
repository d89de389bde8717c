import { z } from "zod";
import type { AwsAccess } from "../aws/access.js";
import type { AccountConfig } from "../config.js";
import { AppError, UsageError } from "../errors.js";
import { mapPool } from "../util/pool.js";
import {
  type AccountPermissionsOut,
  accountIdInput,
  type PermissionsOutput,
  permissionsOutputSchema,
} from "./permissions-schema.js";
import { type Deps, defineCapability } from "./types.js";

const inputSchema = z.strictObject({ accountId: accountIdInput });

/** The configured accounts to check (one when accountId is given); a clear error otherwise. */
export function selectAccounts(deps: Deps, accountId: string | undefined): AccountConfig[] {
  const all = deps.config.accounts;
  if (!all.length)
    throw new UsageError("no accounts configured: run bedrock-spend init, or add accounts to the config");
  if (!accountId) return all;
  const one = all.filter((a) => a.id === accountId);
  if (!one.length)
    throw new UsageError(
      `account ${accountId} is not in the config (configured: ${all.map((a) => a.id).join(", ")})`,
    );
  return one;
}

export function requireAws(deps: Deps): AwsAccess {
  if (!deps.aws)
    throw new AppError("AWS access is not available here", "run it from the CLI or `bedrock-spend serve`");
  return deps.aws;
}

export async function checkPermissions(
  deps: Deps,
  accounts: AccountConfig[],
): Promise<AccountPermissionsOut[]> {
  const aws = requireAws(deps);
  const now = deps.now();
  // Loaded on use: the checks pull in the AWS SDK clients, which store-only surfaces never need.
  const { checkAccountPermissions } = await import("../onboarding/permissions/check.js");
  const out = await mapPool(accounts, deps.config.collect.concurrency, async (a) => {
    const r = await checkAccountPermissions(aws, a, deps.config, now);
    return {
      accountId: r.accountId,
      accountName: a.name ?? null,
      roleArn: r.roleArn,
      assumable: r.assumable,
      method: r.method,
      error: r.assumeError,
      simulateError: r.simulateError,
      checks: r.checks,
      unverified: r.unverified,
      ok: r.ok,
    };
  });
  return out.filter((a): a is AccountPermissionsOut => a !== undefined);
}

const mark = (c: { ok: boolean; optional: boolean; decision: string }) =>
  c.ok ? "✓" : c.decision === "unknown" || c.optional ? "!" : "✗";

export const checkRolePermissions = defineCapability({
  name: "check_role_permissions",
  title: "Check the read-only role's permissions",
  description:
    "Per configured account: assumes the role with its ExternalId, then checks with IAM " +
    "SimulatePrincipalPolicy on the role's real ARN that every read action bedrock-spend needs is allowed " +
    "and that invoke/write actions (bedrock:InvokeModel, PutModelInvocationLoggingConfiguration, " +
    "s3:PutObject, logs:PutLogEvents, …) are denied. When simulation is not permitted, read actions are " +
    "probed with harmless calls and dangerous ones are reported unknown. Calls AWS live.",
  inputSchema,
  outputSchema: permissionsOutputSchema,
  openWorld: true,
  rowsKey: "accounts",
  report: "permissions",
  async run(deps, input): Promise<PermissionsOutput> {
    const accounts = await checkPermissions(deps, selectAccounts(deps, input.accountId));
    return { ok: accounts.every((a) => a.ok), accounts };
  },
  summarize(out) {
    const bad = out.accounts.filter((a) => !a.ok);
    const parts = out.accounts.map((a) => {
      if (!a.assumable) return `${a.accountId}: not assumable (${a.error?.name})`;
      const failed = a.checks
        .filter((c) => !c.ok && !c.optional && c.decision !== "unknown")
        .map((c) => c.action);
      const how = a.method === "probe" ? ", probed (simulation not permitted)" : "";
      const unv = a.unverified.length ? `, ${a.unverified.length} dangerous unverified` : "";
      return `${a.accountId}: ${failed.length ? `wrong: ${failed.join(", ")}` : "ok"}${how}${unv}`;
    });
    return `${bad.length ? `${bad.length} of ${out.accounts.length} accounts fail` : "All accounts ok"} — ${parts.join("; ")}`;
  },
  table(out) {
    const rows: (string | number | null)[][] = [];
    for (const a of out.accounts) {
      if (!a.assumable)
        rows.push([a.accountId, "sts:AssumeRole", "allowed", "denied", "none", "✗", a.error?.fix ?? ""]);
      for (const c of a.checks)
        if (!c.ok)
          rows.push([a.accountId, c.action, c.expected, c.decision, c.method, mark(c), c.detail ?? ""]);
    }
    return { headers: ["account", "action", "expected", "decision", "method", "", "detail"], rows };
  },
});
