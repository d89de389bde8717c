import { randomUUID } from "node:crypto";
import type { SandboxResponse } from "../types.js";
import { jsonError } from "./json.js";
import { queryError } from "./query.js";
import { restJsonError } from "./rest-json.js";
import { xmlEscape } from "./xml.js";

export type ErrorKind = "throttle" | "denied" | "badToken" | "expired" | "notFound" | "invalid";

/**
 * Each protocol's REAL error code and status for the same condition, e.g. throttling is
 * `Throttling` (query, CloudWatch), `ThrottlingException` (Bedrock 429, Logs, Pricing) and
 * `SlowDown` 503 (S3): the SDK's retry strategy recognizes exactly these names.
 */
const CODES: Record<string, Record<ErrorKind, [number, string]>> = {
  query: {
    throttle: [400, "Throttling"],
    denied: [403, "AccessDenied"],
    badToken: [403, "InvalidClientTokenId"],
    expired: [403, "ExpiredToken"],
    notFound: [404, "NoSuchEntity"],
    invalid: [400, "InvalidInput"],
  },
  monitoring: {
    throttle: [400, "Throttling"],
    denied: [403, "AccessDenied"],
    badToken: [403, "InvalidClientTokenId"],
    expired: [403, "ExpiredToken"],
    notFound: [404, "ResourceNotFound"],
    invalid: [400, "InvalidParameterValue"],
  },
  json: {
    throttle: [400, "ThrottlingException"],
    denied: [400, "AccessDeniedException"],
    badToken: [400, "UnrecognizedClientException"],
    expired: [400, "ExpiredTokenException"],
    notFound: [400, "ResourceNotFoundException"],
    invalid: [400, "InvalidParameterException"],
  },
  bedrock: {
    throttle: [429, "ThrottlingException"],
    denied: [403, "AccessDeniedException"],
    badToken: [403, "UnrecognizedClientException"],
    expired: [403, "ExpiredTokenException"],
    notFound: [404, "ResourceNotFoundException"],
    invalid: [400, "ValidationException"],
  },
  s3: {
    throttle: [503, "SlowDown"],
    denied: [403, "AccessDenied"],
    badToken: [403, "InvalidAccessKeyId"],
    expired: [400, "ExpiredToken"],
    notFound: [404, "NoSuchKey"],
    invalid: [400, "InvalidArgument"],
  },
};

const FAMILY: Record<string, string> = {
  sts: "query",
  iam: "query",
  monitoring: "monitoring",
  logs: "json",
  pricing: "json",
  bedrock: "bedrock",
  s3: "s3",
};

export function errorCode(service: string, kind: ErrorKind): [number, string] {
  return CODES[FAMILY[service] ?? "json"][kind];
}

/** An error response in the wire format of `service`. `code` overrides the kind's default code. */
export function serviceError(
  service: string,
  kind: ErrorKind,
  message: string,
  code?: string,
): SandboxResponse {
  const [status, defaultCode] = errorCode(service, kind);
  const name = code ?? defaultCode;
  switch (FAMILY[service]) {
    case "query":
      return queryError(status, name, message);
    case "monitoring":
      return jsonError("1.0", status, `com.amazonaws.cloudwatch#${name}`, message, name);
    case "bedrock":
      return restJsonError(status, name, message);
    case "s3":
      return {
        status,
        headers: { "content-type": "application/xml" },
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${xmlEscape(name)}</Code><Message>${xmlEscape(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`,
      };
    default:
      return jsonError("1.1", status, name, message);
  }
}
