import { z } from "zod";

/** check_role_permissions output (docs/architecture.md §6); more fields than the contract, never fewer. */

export const accountIdInput = z
  .string()
  .regex(/^\d{12}$/, "a 12-digit AWS account id")
  .optional()
  .describe("Only this configured account (12-digit id). Default: every configured account");

export const awsErrorSchema = z
  .object({
    name: z.string().describe("AWS error name, e.g. AccessDenied"),
    message: z.string().describe("What failed"),
    fix: z.string().describe("What to change to fix it"),
  })
  .describe("An AWS error with its fix");

export const permissionCheckSchema = z.object({
  action: z.string().describe("IAM action, e.g. cloudwatch:GetMetricData"),
  expected: z
    .enum(["allowed", "denied"])
    .describe("Needed read actions must be allowed, write/invoke denied"),
  decision: z.enum(["allowed", "denied", "unknown"]).describe("What the role actually gets"),
  method: z
    .enum(["simulate", "probe", "none"])
    .describe("simulate: IAM SimulatePrincipalPolicy; probe: a harmless call; none: not checked"),
  ok: z.boolean().describe("decision matches expected"),
  optional: z.boolean().describe("A missing optional action is a warning only"),
  resource: z.string().nullable().describe("Resource ARN the action was checked on, when scoped"),
  detail: z.string().nullable().describe("Probe outcome or why it could not be checked"),
});

export const accountPermissionsSchema = z.object({
  accountId: z.string().describe("12-digit AWS account id"),
  accountName: z.string().nullable().describe("Account name from the config"),
  roleArn: z.string().nullable().describe("The role's real IAM ARN (GetRole), never the session ARN"),
  assumable: z.boolean().describe("AssumeRole with the configured ExternalId succeeded"),
  method: z.enum(["simulate", "probe", "none"]).describe("How read actions were checked"),
  error: awsErrorSchema.nullable().describe("Why the role could not be assumed"),
  simulateError: awsErrorSchema.nullable().describe("Why simulation was not usable (probing was used)"),
  checks: z.array(permissionCheckSchema),
  unverified: z.array(z.string()).describe("Dangerous actions not verifiable as denied (listed, not failed)"),
  ok: z.boolean().describe("Assumable, every required read allowed and no dangerous action allowed"),
});

export const permissionsOutputSchema = z.object({
  ok: z.boolean().describe("Every account ok"),
  accounts: z.array(accountPermissionsSchema),
});

export type PermissionsOutput = z.output<typeof permissionsOutputSchema>;
export type AccountPermissionsOut = z.output<typeof accountPermissionsSchema>;
