import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "../../aws/access.js";
import { type AwsErrorDescription, describeAwsError } from "../../aws/errors.js";
import type { AccountConfig } from "../../config.js";

export interface ResolvedRole {
  /** The IAM ARN to simulate: the role's real ARN (with its path) or the IAM user's ARN. */
  arn: string | null;
  /** iam:GetRole outcome: null when there was no role to look up (an IAM user). */
  getRole: { ok: true } | { ok: false; error: AwsErrorDescription } | null;
}

/** `arn:aws:sts::1:assumed-role/Name/session` → `Name`; `arn:aws:iam::1:role/path/Name` → `Name`. */
export function roleNameOf(arn: string): string | null {
  const assumed = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn);
  if (assumed) return assumed[1];
  const role = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? role[1] : null;
}

/**
 * The role's real ARN via GetRole, never the session ARN. A configured roleArn may omit the
 * role's path (AssumeRole accepts that), so the ARN GetRole returns is the one to simulate.
 * Without a configured role the caller's identity decides (assumed role → its role, user → itself).
 */
export async function resolveRoleArn(clients: AwsClients, account: AccountConfig): Promise<ResolvedRole> {
  let fallback = account.roleArn ?? null;
  let name = fallback ? roleNameOf(fallback) : null;
  if (!account.roleArn) {
    const who = await clients.sts.send(new GetCallerIdentityCommand({}));
    const arn = who.Arn ?? "";
    name = roleNameOf(arn);
    if (!name) return { arn: arn.includes(":user/") ? arn : null, getRole: null };
    fallback = `arn:${arn.split(":")[1]}:iam::${who.Account}:role/${name}`;
  }
  try {
    const out = await clients.iam.send(new GetRoleCommand({ RoleName: name ?? "" }));
    return { arn: out.Role?.Arn ?? fallback, getRole: { ok: true } };
  } catch (err) {
    const error = describeAwsError(err, {
      action: "iam:GetRole",
      account: account.id,
      roleArn: account.roleArn,
    });
    return { arn: fallback, getRole: { ok: false, error } };
  }
}
