import { FIX } from "./fixes.js";
import type { AccountFacts, Step } from "./types.js";

/** role_assumable and permissions. */
export function accessSteps(f: AccountFacts): Step[] {
  const { account } = f;
  if (f.assumeError) {
    const denied = /denied/i.test(f.assumeError.name);
    return [
      {
        id: "role_assumable",
        status: "error",
        detail: f.assumeError.message,
        fix: denied && account.roleArn ? FIX.assume(account.roleArn, account.id) : f.assumeError.fix,
      },
    ];
  }
  const steps: Step[] = [
    {
      id: "role_assumable",
      status: "ok",
      detail: account.roleArn
        ? `assumed ${account.roleArn} with its ExternalId`
        : "no roleArn: the default credentials are used",
      fix: null,
    },
  ];
  const p = f.permissions;
  if (!p) return steps;
  const missing = p.checks.filter((c) => c.expected === "allowed" && !c.optional && !c.ok);
  const dangerous = p.checks.filter((c) => c.expected === "denied" && c.decision === "allowed");
  const via = p.method === "probe" ? "probed (the role may not simulate its own policy)" : "simulated";
  if (missing.length || dangerous.length) {
    const parts = [
      missing.length ? `missing ${missing.map((c) => c.action).join(", ")}` : "",
      dangerous.length ? `must not hold ${dangerous.map((c) => c.action).join(", ")}` : "",
    ].filter(Boolean);
    const fixes = [
      missing.length
        ? `add ${missing.map((c) => c.action + (c.resource ? ` on ${c.resource}` : "")).join(", ")} to ${p.roleArn ?? "the role"} (redeploy \`bedrock-spend cfn-template\`)`
        : "",
      dangerous.length
        ? `remove ${dangerous.map((c) => c.action).join(", ")} from ${p.roleArn ?? "the role"}: bedrock-spend needs read access only`
        : "",
    ].filter(Boolean);
    return [
      ...steps,
      { id: "permissions", status: "error", detail: `${parts.join("; ")} (${via})`, fix: fixes.join("; ") },
    ];
  }
  if (p.method === "probe" || p.unverified.length) {
    return [
      ...steps,
      {
        id: "permissions",
        status: "warning",
        detail: `every needed read action works (${via}); ${p.unverified.length} write/invoke actions could not be verified as denied: ${p.unverified.join(", ")}`,
        fix: `allow iam:SimulatePrincipalPolicy on ${p.roleArn ?? "the role"} itself (the ReadPolicy of \`bedrock-spend cfn-template\`) so the check can prove write and invoke actions are denied`,
      },
    ];
  }
  return [
    ...steps,
    {
      id: "permissions",
      status: "ok",
      detail: `${p.checks.length} actions simulated on ${p.roleArn}: reads allowed, writes and invokes denied`,
      fix: null,
    },
  ];
}
