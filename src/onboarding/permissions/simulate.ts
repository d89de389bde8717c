import { type IAMClient, paginateSimulatePrincipalPolicy } from "@aws-sdk/client-iam";
import { z } from "zod";
import type { Decision, NeededAction } from "./types.js";

const pageSchema = z.object({
  EvaluationResults: z
    .array(z.object({ EvalActionName: z.string(), EvalDecision: z.string() }))
    .optional()
    .default([]),
});

/** IAM answers `allowed`, `explicitDeny` or `implicitDeny`; anything newer is not assumed to allow. */
function decisionOf(evalDecision: string): Decision {
  if (evalDecision === "allowed") return "allowed";
  return /deny/i.test(evalDecision) ? "denied" : "unknown";
}

/**
 * Evaluates the role's own identity policies for every needed action, one call per resource set
 * (ResourceArns apply to every action of a call). `roleArn` must be the IAM role ARN: IAM rejects
 * an assumed-role session ARN as InvalidInput
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html).
 * Throws when simulation itself is not permitted; the caller then probes.
 */
export async function simulateNeeds(
  iam: IAMClient,
  roleArn: string,
  needs: NeededAction[],
): Promise<Map<NeededAction, Decision>> {
  const groups = new Map<string, NeededAction[]>();
  for (const n of needs) {
    const key = n.resources.join(" ");
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const out = new Map<NeededAction, Decision>();
  for (const [key, group] of groups) {
    const resources = key === "*" ? undefined : key.split(" ");
    const byAction = new Map<string, Decision>();
    const pages = paginateSimulatePrincipalPolicy(
      { client: iam },
      {
        PolicySourceArn: roleArn,
        ActionNames: [...new Set(group.map((n) => n.action))],
        ResourceArns: resources,
      },
    );
    for await (const raw of pages) {
      for (const r of pageSchema.parse(raw).EvaluationResults) {
        // With several resources IAM returns one result per action × resource; any deny wins.
        const prev = byAction.get(r.EvalActionName);
        const d = decisionOf(r.EvalDecision);
        byAction.set(r.EvalActionName, prev && prev !== "allowed" ? prev : d);
      }
    }
    for (const n of group) out.set(n, byAction.get(n.action) ?? "unknown");
  }
  return out;
}
