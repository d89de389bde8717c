import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AppError } from "../errors.js";

export const ROLE_SESSION_NAME = "bedrock-spend";
/** Re-assume this long before expiry so that no request is signed with nearly-dead keys. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

export interface AssumeRoleTarget {
  roleArn: string;
  externalId?: string;
}

/**
 * Credentials for one role, assumed once and CACHED until REFRESH_MARGIN_MS before they expire.
 * Concurrent callers share one in-flight AssumeRole. The clock is the real one on purpose:
 * credential expiry is AWS time, never BEDROCK_SPEND_NOW (docs/architecture.md §6).
 */
export function assumedRoleProvider(
  sts: STSClient,
  target: AssumeRoleTarget,
  clock: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const fresh = (c: AwsCredentialIdentity | undefined): c is AwsCredentialIdentity =>
    !!c && (!c.expiration || c.expiration.getTime() - clock() > REFRESH_MARGIN_MS);

  async function assume(): Promise<AwsCredentialIdentity> {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: target.roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        ExternalId: target.externalId,
        DurationSeconds: SESSION_SECONDS,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new AppError(
        `AssumeRole ${target.roleArn} returned no credentials`,
        "retry; if it persists check STS",
      );
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }

  return async () => {
    if (fresh(cached)) return cached;
    inFlight ??= assume().finally(() => {
      inFlight = undefined;
    });
    cached = await inFlight;
    return cached;
  };
}

/** Static keys from an injected env (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN]). */
export function envCredentials(env: NodeJS.ProcessEnv): AwsCredentialIdentity | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}
