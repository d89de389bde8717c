import { serviceError } from "../protocols/errors.js";
import { queryAction, queryParams, queryResponse } from "../protocols/query.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { SandboxService } from "./service.js";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** STS (awsQuery): AssumeRole with the ExternalId check of each role's trust policy, GetCallerIdentity. */
export function createStsService(state: SandboxState): SandboxService {
  return {
    service: "sts",
    actionOf: queryAction,
    async handle(req) {
      const action = queryAction(req);
      if (action === "AssumeRole") return assumeRole(state, req);
      if (action === "GetCallerIdentity") {
        const who = state.identities.lookup(req.accessKeyId);
        if (!who.ok)
          return serviceError("sts", "badToken", "The security token included in the request is invalid.");
        const { account, arn, userId } = who.identity;
        return queryResponse(action, XMLNS, { UserId: userId, Account: account, Arn: arn });
      }
      return serviceError("sts", "invalid", `sandbox STS does not implement ${action}`, "InvalidAction");
    },
  };
}

function assumeRole(state: SandboxState, req: SandboxRequest): SandboxResponse {
  const p = queryParams(req);
  const roleArn = p.get("RoleArn") ?? "";
  const sessionName = p.get("RoleSessionName") ?? "";
  const caller = state.identities.lookup(req.accessKeyId);
  const callerArn = caller.ok ? caller.identity.arn : "unknown";
  const denied = () =>
    serviceError(
      "sts",
      "denied",
      `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return serviceError(
      "sts",
      "invalid",
      "1 validation error detected: Value at 'roleSessionName' failed",
      "ValidationError",
    );
  }
  const role = state.org.roles.find((r) => r.arn === roleArn);
  // AWS answers AccessDenied (never "no such role") for unknown roles and for a trust-policy
  // mismatch such as a wrong sts:ExternalId, so both look the same here.
  if (!role || !caller.ok || caller.identity.role) return denied();
  if (p.get("ExternalId") !== role.externalId || state.faults.wrongExternalId?.includes(role.account))
    return denied();
  const seconds = Number(p.get("DurationSeconds") ?? 3600);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
    return serviceError("sts", "invalid", "DurationSeconds must be between 900 and 43200", "ValidationError");
  }
  const c = state.identities.issue(role, sessionName, seconds);
  return queryResponse("AssumeRole", XMLNS, {
    Credentials: {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: c.expiration,
    },
    AssumedRoleUser: {
      AssumedRoleId: `AROASBX${role.account}:${sessionName}`,
      Arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
    },
  });
}
