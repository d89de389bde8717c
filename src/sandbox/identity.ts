import { randomBytes } from "node:crypto";
import { MANAGEMENT_ACCOUNT, MANAGEMENT_ARN, type SandboxRole } from "./org-data.js";

/**
 * Who is calling. The base (management) identity has fixed keys; AssumeRole hands out session keys
 * that ENCODE THE ACCOUNT (`ASIASBX<account><serial>`), which is how every other service knows
 * which account's data to serve.
 */
export const BASE_ACCESS_KEY_ID = "AKIASANDBOXMGMT00001";
export const BASE_SECRET_ACCESS_KEY = "sandbox-secret-not-a-real-key";

export interface Identity {
  account: string;
  arn: string;
  userId: string;
  role: SandboxRole | null;
}

interface Session {
  role: SandboxRole;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  sessionName: string;
}

export type Lookup = { ok: true; identity: Identity } | { ok: false; reason: "unknown" | "expired" };

export class IdentityStore {
  private readonly sessions = new Map<string, Session>();
  private serial = 0;

  /** Issues session credentials for `role`, valid `seconds` of REAL time (SigV4 time, not `now`). */
  issue(role: SandboxRole, sessionName: string, seconds: number) {
    this.serial += 1;
    const accessKeyId = `ASIASBX${role.account}${String(this.serial).padStart(5, "0")}`;
    const session: Session = {
      role,
      sessionName,
      secretAccessKey: randomBytes(20).toString("base64"),
      sessionToken: randomBytes(48).toString("base64"),
      expiresAt: Date.now() + seconds * 1000,
    };
    this.sessions.set(accessKeyId, session);
    return { accessKeyId, ...session, expiration: new Date(session.expiresAt) };
  }

  /**
   * Who owns `accessKeyId`. When `sessionToken` is given (every signed request passes what it
   * carried), a session key also needs its own token: AWS rejects a session key without it.
   */
  lookup(accessKeyId: string, sessionToken?: string | null): Lookup {
    if (accessKeyId === BASE_ACCESS_KEY_ID) {
      return {
        ok: true,
        identity: { account: MANAGEMENT_ACCOUNT, arn: MANAGEMENT_ARN, userId: "AIDASANDBOXMGMT", role: null },
      };
    }
    const s = this.sessions.get(accessKeyId);
    if (!s || (sessionToken !== undefined && sessionToken !== s.sessionToken))
      return { ok: false, reason: "unknown" };
    if (s.expiresAt <= Date.now()) return { ok: false, reason: "expired" };
    const arn = `arn:aws:sts::${s.role.account}:assumed-role/${s.role.name}/${s.sessionName}`;
    return {
      ok: true,
      identity: { account: s.role.account, arn, userId: `AROASBX:${s.sessionName}`, role: s.role },
    };
  }

  /** Test hook: make a session expire now (to exercise refresh and ExpiredToken). */
  expire(accessKeyId: string): void {
    const s = this.sessions.get(accessKeyId);
    if (s) s.expiresAt = 0;
  }
}

/** `service:*` and exact names; the only pattern forms the sandbox's role policies use. */
export function policyAllows(allow: string[], iamAction: string): boolean {
  const [svc] = iamAction.split(":");
  return allow.some((a) => a === iamAction || a === `${svc}:*` || a === "*");
}
