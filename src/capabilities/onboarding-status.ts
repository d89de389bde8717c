import { z } from "zod";
import { evaluateAccount, overallStatus, stepsOk } from "../onboarding/status/evaluate.js";
import { STEP_IDS } from "../onboarding/status/types.js";
import { requireAws, selectAccounts } from "./check-role-permissions.js";
import { accountIdInput } from "./permissions-schema.js";
import { defineCapability } from "./types.js";

const statusEnum = z.enum(["ok", "warning", "missing", "error"]);

export const stepSchema = z.object({
  id: z.enum(STEP_IDS).describe("Step id (docs/architecture.md §6 lists them; cur_tags is an addition)"),
  region: z.string().optional().describe("AWS region, on per-region steps"),
  status: statusEnum.describe("ok | warning | missing (not set up yet) | error"),
  detail: z.string().describe("What was found"),
  fix: z
    .string()
    .nullable()
    .describe("The exact action, console path or CLI command that fixes it; null when ok"),
});

const outputSchema = z.object({
  ok: z.boolean().describe("No step is an error (warnings and missing optional pieces do not fail)"),
  asOf: z.string().describe("ISO instant of the check"),
  accounts: z.array(
    z.object({
      accountId: z.string().describe("12-digit AWS account id"),
      accountName: z.string().nullable(),
      status: statusEnum.describe("The worst step status"),
      steps: z.array(stepSchema),
    }),
  ),
});

export type OnboardingStatus = z.output<typeof outputSchema>;

const MARK = { ok: "✓", warning: "!", missing: "!", error: "✗" } as const;

export const onboardingStatus = defineCapability({
  name: "onboarding_status",
  title: "Check the integration's health (doctor)",
  description:
    "Per configured account and region: can the role be assumed (ExternalId), are its permissions exactly " +
    "read-only, is the CUR 2.0 export found, fresh (≤ 48 h) and carrying line_item_iam_principal, are " +
    "AWS/Bedrock CloudWatch metrics present where Bedrock is billed, is invocation logging configured and " +
    "readable, is prompt/response (content) logging on, and when did each collector last succeed. Every " +
    "non-ok step has a fix. Calls AWS live and reads the collection log.",
  inputSchema: z.strictObject({ accountId: accountIdInput }),
  outputSchema,
  openWorld: true,
  rowsKey: "accounts",
  report: "status",
  async run(deps, input): Promise<OnboardingStatus> {
    const accounts = selectAccounts(deps, input.accountId);
    const now = deps.now();
    // Loaded on use: gathering pulls in the AWS SDK clients, which store-only surfaces never need.
    const { gatherFacts } = await import("../onboarding/status/gather.js");
    const facts = await gatherFacts(
      { db: deps.db, config: deps.config, aws: requireAws(deps), now },
      accounts,
    );
    const out = facts.map((f) => {
      const steps = evaluateAccount(f, now);
      return {
        accountId: f.account.id,
        accountName: f.account.name ?? null,
        status: overallStatus(steps),
        steps,
      };
    });
    return { ok: out.every((a) => stepsOk(a.steps)), asOf: now.toISOString(), accounts: out };
  },
  summarize(out) {
    const all = out.accounts.flatMap((a) => a.steps);
    const n = (s: string) => all.filter((x) => x.status === s).length;
    return `${out.ok ? "Healthy" : "Problems found"}: ${n("error")} errors, ${n("warning")} warnings, ${n("missing")} not set up, ${n("ok")} ok across ${out.accounts.length} accounts`;
  },
  table(out) {
    const rows = out.accounts.flatMap((a) =>
      a.steps.map((s) => [a.accountId, s.id, s.region ?? "", MARK[s.status], s.detail, s.fix ?? ""]),
    );
    return { headers: ["account", "step", "region", "", "detail", "fix"], rows };
  },
});
