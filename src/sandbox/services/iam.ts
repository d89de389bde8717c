import { policyAllows } from "../identity.js";
import { MANAGEMENT_ARN, type SandboxRole } from "../org-data.js";
import { serviceError } from "../protocols/errors.js";
import { queryAction, queryList, queryParams, queryResponse } from "../protocols/query.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { SandboxService } from "./service.js";

const XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** IAM (awsQuery, global): SimulatePrincipalPolicy (MaxItems/Marker paging) and GetRole. */
export function createIamService(state: SandboxState): SandboxService {
  const callerAccount = (req: SandboxRequest) => {
    const id = state.identities.lookup(req.accessKeyId);
    return id.ok ? id.identity.account : "";
  };
  return {
    service: "iam",
    actionOf: queryAction,
    async handle(req) {
      const action = queryAction(req);
      if (action === "SimulatePrincipalPolicy") return simulate(state, req, callerAccount(req));
      if (action === "GetRole") {
        const name = queryParams(req).get("RoleName") ?? "";
        const role = state.org.roles.find((r) => r.name === name && r.account === callerAccount(req));
        if (!role) return serviceError("iam", "notFound", `The role with name ${name} cannot be found.`);
        return queryResponse(action, XMLNS, { Role: roleXml(state, role) });
      }
      return serviceError("iam", "invalid", `sandbox IAM does not implement ${action}`, "InvalidAction");
    },
  };
}

function roleXml(state: SandboxState, role: SandboxRole) {
  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: MANAGEMENT_ARN },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": role.externalId } },
      },
    ],
  };
  return {
    Path: "/",
    RoleName: role.name,
    RoleId: `AROASBX${role.account}`,
    Arn: role.arn,
    CreateDate: new Date(state.org.now.getTime() - 120 * 86_400_000),
    // IAM returns policy documents URL-encoded.
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
    Description: "bedrock-spend read-only role",
    MaxSessionDuration: 3600,
  };
}

/**
 * Evaluates ActionNames against the role's identity policy. Like AWS, a session ARN
 * (`arn:aws:sts::…:assumed-role/…`) is InvalidInput: callers must pass the role ARN.
 */
function simulate(state: SandboxState, req: SandboxRequest, account: string): SandboxResponse {
  const p = queryParams(req);
  const source = p.get("PolicySourceArn") ?? "";
  if (!/^arn:aws:iam::\d{12}:(role|user|group)\//.test(source))
    return serviceError(
      "iam",
      "invalid",
      `Invalid Entity Arn: ${source} does not clearly define entity type and name.`,
    );
  const role = state.org.roles.find((r) => r.arn === source && r.account === account);
  if (!role) return serviceError("iam", "notFound", `The role with ARN ${source} cannot be found.`);
  const actions = queryList(p, "ActionNames");
  if (!actions.length) return serviceError("iam", "invalid", "ActionNames must contain at least one action.");
  const maxItems = Number(p.get("MaxItems") ?? state.limits.simulatePage);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)
    return serviceError("iam", "invalid", "MaxItems must be between 1 and 1000.");
  const offset = Number(p.get("Marker") ?? 0);
  const results = actions.slice(offset, offset + maxItems).map((a) => {
    const allowed = policyAllows(role.allow, a);
    return {
      EvalActionName: a,
      EvalResourceName: "*",
      EvalDecision: allowed ? "allowed" : "implicitDeny",
      MatchedStatements: allowed
        ? [{ SourcePolicyId: "BedrockSpendReadOnlyPolicy", SourcePolicyType: "IAM Policy" }]
        : [],
      MissingContextValues: [],
    };
  });
  const truncated = offset + maxItems < actions.length;
  return queryResponse("SimulatePrincipalPolicy", XMLNS, {
    EvaluationResults: results,
    IsTruncated: truncated,
    Marker: truncated ? String(offset + maxItems) : undefined,
  });
}
