import { AppError } from "../errors.js";
import { iamActionFor, ReadOnlyViolationError } from "./read-only.js";

export interface AwsErrorContext {
  /** `<prefix>:<Operation>`, e.g. `cloudwatch:GetMetricData`. */
  action: string;
  account?: string | null;
  roleArn?: string | null;
}

export interface AwsErrorDescription {
  name: string;
  message: string;
  fix: string;
}

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "UnauthorizedException",
  // S3 HEAD requests carry no error body: the SDK names a 403 just "Forbidden".
  "Forbidden",
]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]);
const BAD_KEYS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "SlowDown",
  "RequestLimitExceeded",
  "RequestThrottled",
  "LimitExceededException",
]);
const NETWORK = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);

const SERVER_SIDE = new Set([
  "InternalFailure",
  "InternalError",
  "InternalServerError",
  "InternalServerException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
  "RequestTimeout",
]);

/**
 * Errors that go away by themselves (throttling, network, AWS-side 5xx): a unit failing with one
 * catches up on its next run, so one such failure is not yet a data gap.
 */
export function isTransientAwsError(name: string | null): boolean {
  return name !== null && (THROTTLED.has(name) || NETWORK.has(name) || SERVER_SIDE.has(name));
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function networkCode(err: SdkErrorLike, depth = 0): string | undefined {
  if (err.code && NETWORK.has(err.code)) return err.code;
  if (depth < 5 && err.cause && typeof err.cause === "object")
    return networkCode(err.cause as SdkErrorLike, depth + 1);
  // AggregateError (happy-eyeballs connect) carries the codes in `errors`.
  const nested = (err as { errors?: SdkErrorLike[] }).errors;
  return nested?.map((e) => networkCode(e, depth + 1)).find(Boolean);
}

/**
 * AWS error → what is wrong and how to fix it, naming the missing permission
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 * Never echoes credentials: only error names, actions, account ids and role ARNs.
 */
export function describeAwsError(err: unknown, ctx: AwsErrorContext): AwsErrorDescription {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? "Error";
  const who = ctx.roleArn ? `role ${ctx.roleArn}` : `the default credentials${acct(ctx)}`;
  const iamAction = iamActionFor(ctx.action);

  if (err instanceof ReadOnlyViolationError)
    return { name: err.code, message: err.message, fix: err.hint ?? "" };
  if (ACCESS_DENIED.has(name) && ctx.action === "sts:AssumeRole") {
    return {
      name,
      message: `cannot assume ${ctx.roleArn ?? "the role"}${acct(ctx)}: AccessDenied`,
      fix:
        "check the role's trust policy: it must trust the identity bedrock-spend runs as, and its " +
        "sts:ExternalId condition must equal externalId in the config for this account",
    };
  }
  if (ACCESS_DENIED.has(name)) {
    return {
      name,
      message: `${who}${ctx.roleArn ? `${acct(ctx)} lacks` : " lack"} ${iamAction}`,
      fix: `add ${iamAction} to the read-only policy (bedrock-spend cfn-template)`,
    };
  }
  if (EXPIRED.has(name)) {
    return {
      name,
      message: `AWS credentials expired while calling ${ctx.action}${acct(ctx)}`,
      fix: "refresh the base credentials (aws sso login, new keys, or a new session token) and retry",
    };
  }
  if (BAD_KEYS.has(name)) {
    return {
      name,
      message: `AWS rejected the credentials used for ${ctx.action}${acct(ctx)} (${name})`,
      fix: "check AWS_PROFILE / AWS_ACCESS_KEY_ID: the key is unknown, deleted, or its secret is wrong",
    };
  }
  if (THROTTLED.has(name) || e.$metadata?.httpStatusCode === 429) {
    const attempts = e.$metadata?.attempts;
    return {
      name,
      message: `AWS kept throttling ${ctx.action}${acct(ctx)}${attempts ? ` after ${attempts} attempts` : ""}`,
      fix: "lower collect.concurrency, retry later, or raise the API's request quota in Service Quotas",
    };
  }
  const net = networkCode(e);
  if (net) {
    return {
      name: net,
      message: `cannot reach the AWS endpoint for ${ctx.action}${acct(ctx)}: ${net}`,
      fix: "check network access, proxy settings and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>",
    };
  }
  if (name === "CredentialsProviderError") {
    return {
      name,
      message: `no AWS credentials found for ${ctx.action}`,
      fix: "set AWS_PROFILE (and run aws sso login), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
    };
  }
  return { name, message: `${ctx.action}${acct(ctx)} failed: ${name}: ${e.message ?? String(err)}`, fix: "" };
}

function acct(ctx: AwsErrorContext): string {
  return ctx.account ? ` (account ${ctx.account})` : "";
}

/** The same, as the AppError the edges print (message + hint). */
export function toAwsAppError(err: unknown, ctx: AwsErrorContext): AppError {
  const d = describeAwsError(err, ctx);
  return new AppError(d.message, d.fix || undefined, { cause: err });
}
