/**
 * Names an AWS/network failure and says how to fix it, for collection_run and stderr.
 * Fallback used until src/aws/errors.ts (describeAwsError) is available on this branch.
 */
export interface DescribedError {
  name: string;
  message: string;
  fix: string;
}

const FIXES: [RegExp, string][] = [
  [
    /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/,
    "grant the read-only role the missing action (see `bedrock-spend cfn-template`) and check the role's trust policy",
  ],
  [
    /^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|SignatureDoesNotMatch)$/,
    "refresh the AWS credentials the tool runs with",
  ],
  [
    /Throttl|TooManyRequests|RequestLimitExceeded/,
    "AWS kept throttling after retries: lower collect.concurrency or run again later",
  ],
  [
    /^(ResourceNotFoundException|NoSuchBucket|NoSuchKey)$/,
    "check the bucket / log group / resource named in the config exists in this account and region",
  ],
  [
    /^(TimeoutError|ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|NetworkingError)$/,
    "check network access to AWS (proxy, VPC endpoints, AWS_ENDPOINT_URL)",
  ],
];

export function describeCollectError(err: unknown): DescribedError {
  const e = err as { name?: string; code?: string; message?: string };
  const name = (e?.code && /^E[A-Z]+$/.test(e.code) ? e.code : e?.name) || "Error";
  const message = (e?.message ?? String(err)).split("\n")[0].slice(0, 500);
  const fix =
    FIXES.find(([re]) => re.test(name))?.[1] ??
    "see the error above; run `bedrock-spend doctor` for a full check";
  return { name, message, fix };
}
