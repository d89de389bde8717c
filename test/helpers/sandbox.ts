import { createAwsAccess } from "../../src/aws/access.js";
import type { AccountConfig } from "../../src/config.js";
import type { Sandbox } from "../../src/sandbox/server.js";
import { DEMO_ACCOUNTS } from "../../src/synthetic/org.js";
import { silentLogger } from "../../src/util/log.js";

/** The sandbox org's accounts as config entries (role + ExternalId), as a user would write them. */
export function sandboxAccount(id: string, overrides: Partial<AccountConfig> = {}): AccountConfig {
  const a = DEMO_ACCOUNTS.find((x) => x.id === id);
  if (!a) throw new Error(`no sandbox account ${id}`);
  return {
    id: a.id,
    name: a.name,
    roleArn: `arn:aws:iam::${a.id}:role/${a.roleName}`,
    externalId: a.externalId,
    regions: a.regions,
    ...overrides,
  };
}

/** Real read-only clients pointed at the sandbox through its env (nothing in process.env changes). */
export function sandboxAccess(sb: Sandbox, maxAttempts?: number) {
  return createAwsAccess({ env: sb.env, log: silentLogger, maxAttempts });
}

export const PROD = "111111111111";
export const STAGING = "222222222222";
export const RESEARCH = "333333333333";
