import { serviceError } from "../protocols/errors.js";
import { jsonBody, jsonResponse, jsonTarget } from "../protocols/json.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { SandboxService } from "./service.js";

const STREAM = "aws/bedrock/modelinvocations";

/** CloudWatch Logs (awsJson1_1, `Logs_20140328.*`): DescribeLogGroups, FilterLogEvents. Times are epoch ms. */
export function createLogsService(state: SandboxState): SandboxService {
  const account = (req: SandboxRequest) => {
    const id = state.identities.lookup(req.accessKeyId);
    return id.ok ? id.identity.account : "";
  };
  return {
    service: "logs",
    actionOf: jsonTarget,
    async handle(req) {
      const groups = state.logs.logGroups(account(req), req.region);
      switch (jsonTarget(req)) {
        case "DescribeLogGroups":
          return describeLogGroups(state, account(req), req, [...groups.keys()]);
        case "FilterLogEvents":
          return filterLogEvents(req, groups);
        default:
          return serviceError("logs", "invalid", `sandbox Logs does not implement ${jsonTarget(req)}`);
      }
    },
  };
}

function offsetOf(token: string | undefined): number {
  return token ? Number(Buffer.from(token, "base64").toString("utf8").replace(/^o:/, "")) : 0;
}
const tokenAt = (offset: number) => Buffer.from(`o:${offset}`).toString("base64");

function describeLogGroups(
  state: SandboxState,
  account: string,
  req: SandboxRequest,
  names: string[],
): SandboxResponse {
  const q = jsonBody<{ logGroupNamePrefix?: string; nextToken?: string; limit?: number }>(req);
  const limit = q.limit ?? 50;
  if (limit < 1 || limit > 50) return serviceError("logs", "invalid", "limit must be between 1 and 50");
  const all = names
    .filter((n) => !q.logGroupNamePrefix || n.startsWith(q.logGroupNamePrefix))
    .sort()
    .map((logGroupName) => ({
      logGroupName,
      creationTime: state.org.now.getTime() - 90 * 86_400_000,
      retentionInDays: 30,
      storedBytes: 0,
      arn: `arn:aws:logs:${req.region}:${account}:log-group:${logGroupName}:*`,
      logGroupArn: `arn:aws:logs:${req.region}:${account}:log-group:${logGroupName}`,
    }));
  const offset = offsetOf(q.nextToken);
  const nextToken = offset + limit < all.length ? tokenAt(offset + limit) : undefined;
  return jsonResponse("1.1", { logGroups: all.slice(offset, offset + limit), nextToken });
}

interface FilterRequest {
  logGroupName?: string;
  logGroupIdentifier?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
}

/** Just enough of the filter-pattern syntax: `{ $.field = "value" }` or a plain/quoted term. */
function matcher(pattern: string | undefined): (message: string) => boolean {
  const p = pattern?.trim();
  if (!p) return () => true;
  const json = /^\{\s*\$\.([\w.]+)\s*=\s*"?([^"}]*)"?\s*\}$/.exec(p);
  if (json) {
    const [, path, value] = json;
    return (m) => {
      let v: unknown = JSON.parse(m);
      for (const k of path.split(".")) v = (v as Record<string, unknown> | undefined)?.[k];
      return String(v) === value;
    };
  }
  const term = p.replace(/^"|"$/g, "");
  return (m) => m.includes(term);
}

function filterLogEvents(
  req: SandboxRequest,
  groups: Map<string, { timestamp: number; message: string; eventId: string }[]>,
) {
  const q = jsonBody<FilterRequest>(req);
  const name = q.logGroupName ?? q.logGroupIdentifier?.replace(/^arn:.*:log-group:/, "").replace(/:\*$/, "");
  const events = name ? groups.get(name) : undefined;
  if (!events) return serviceError("logs", "notFound", "The specified log group does not exist.");
  const limit = q.limit ?? 10_000;
  if (limit < 1 || limit > 10_000)
    return serviceError("logs", "invalid", "limit must be between 1 and 10000");
  const match = matcher(q.filterPattern);
  const all = events.filter(
    (e) =>
      (q.startTime === undefined || e.timestamp >= q.startTime) &&
      (q.endTime === undefined || e.timestamp <= q.endTime) &&
      match(e.message),
  );
  const offset = offsetOf(q.nextToken);
  const page = all.slice(offset, offset + limit).map((e) => ({
    logStreamName: STREAM,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.timestamp + 2000,
    eventId: e.eventId,
  }));
  const nextToken = offset + limit < all.length ? tokenAt(offset + limit) : undefined;
  return jsonResponse("1.1", {
    events: page,
    searchedLogStreams: [{ logStreamName: STREAM, searchedCompletely: !nextToken }],
    nextToken,
  });
}
