import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { AccountConfig } from "../config.js";
import type { Logger } from "../util/log.js";
import { buildClient, type ClientMap } from "./clients.js";
import { assumedRoleProvider, envCredentials } from "./credentials.js";
import type { ServiceKey } from "./endpoints.js";
import { defaultRegion, homeRegion } from "./regions.js";

/** Clients for one account × region, built on first use and reused. */
export type AwsClients = Readonly<ClientMap> & { readonly accountId: string | null; readonly region: string };

export interface AwsAccess {
  /**
   * Clients for `account` (its role when `roleArn` is set, else the base identity) in `region`.
   * `account` null = the base identity itself (e.g. reading the CUR bucket without `cur.account`).
   * `region` defaults to the account's home region (its first; else AWS_REGION, else us-east-1).
   */
  clients(account: AccountConfig | null, region?: string): AwsClients;
  /** The cached credential provider of an account (one AssumeRole per session, refreshed before expiry). */
  credentials(account: AccountConfig | null): AwsCredentialIdentityProvider;
  /** Closes every client's sockets. */
  close(): void;
}

export interface AwsAccessOptions {
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Base identity; default: AWS_ACCESS_KEY_ID/SECRET from `env`, else the SDK default chain. */
  baseCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number;
  /** Real clock for credential expiry (never the product clock). */
  clock?: () => number;
}

const SERVICES: ServiceKey[] = ["sts", "cloudwatch", "bedrock", "logs", "s3", "iam", "pricing"];

export function createAwsAccess(opts: AwsAccessOptions): AwsAccess {
  const { env, log, maxAttempts } = opts;
  const built: { destroy(): void }[] = [];
  const make = <K extends ServiceKey>(
    service: K,
    region: string,
    credentials?: AwsCredentialIdentityProvider,
  ) => {
    const client = buildClient(service, { env, region, credentials, maxAttempts, log });
    built.push(client);
    return client;
  };

  let base: AwsCredentialIdentityProvider | undefined;
  const baseProvider = (): AwsCredentialIdentityProvider => {
    if (base) return base;
    const given = opts.baseCredentials ?? envCredentials(env);
    // No explicit keys: borrow the SDK default chain (profiles, SSO, IMDS...) resolved once.
    base = given
      ? typeof given === "function"
        ? given
        : async () => given
      : (make("sts", defaultRegion(env)).config.credentials as AwsCredentialIdentityProvider);
    return base;
  };

  const providers = new Map<string, AwsCredentialIdentityProvider>();
  const credentials = (account: AccountConfig | null): AwsCredentialIdentityProvider => {
    if (!account?.roleArn) return baseProvider();
    const { roleArn, externalId } = account;
    let provider = providers.get(account.id);
    if (!provider) {
      const sts = make("sts", homeRegion(account, env), baseProvider());
      const assume = assumedRoleProvider(sts, { roleArn, externalId }, opts.clock);
      provider = async () => {
        log.debug(`aws: credentials for account ${account.id} via ${roleArn}`);
        return assume();
      };
      providers.set(account.id, provider);
    }
    return provider;
  };

  const sets = new Map<string, AwsClients>();
  const clients = (account: AccountConfig | null, region = homeRegion(account, env)): AwsClients => {
    const key = `${account?.id ?? "base"}/${region}`;
    let set = sets.get(key);
    if (!set) {
      set = lazyClients(account?.id ?? null, region, (service) =>
        make(service, region, credentials(account)),
      );
      sets.set(key, set);
    }
    return set;
  };

  return {
    clients,
    credentials,
    close() {
      for (const c of built.splice(0)) c.destroy();
      sets.clear();
    },
  };
}

function lazyClients(
  accountId: string | null,
  region: string,
  make: <K extends ServiceKey>(service: K) => ClientMap[K],
): AwsClients {
  const cache: Partial<ClientMap> = {};
  const set = { accountId, region } as AwsClients;
  for (const service of SERVICES) {
    Object.defineProperty(set, service, {
      enumerable: true,
      get: () => {
        cache[service] ??= make(service) as never;
        return cache[service];
      },
    });
  }
  return set;
}
