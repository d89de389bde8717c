import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/**
 * Request checks for the MCP HTTP transport (docs/architecture.md §7): DNS-rebinding protection through the
 * Host and Origin headers, and the bearer token. Pure functions of the headers, so they are
 * tested without a socket. The SDK's own allowedHosts option is deprecated in favour of
 * middleware like this, and compares Host byte-for-byte, which cannot express "any loopback
 * name on the bound port".
 */

export interface GuardPolicy {
  /** Exact `host:port` values (lower case) and bare hostnames that match any port. */
  hosts: string[];
  /** Exact origins such as `http://localhost:3917`. */
  origins: string[];
  /** Required bearer token, or undefined when none is required. */
  token?: string;
}

export interface Rejection {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (LOOPBACK_NAMES.has(h) || h.endsWith(".localhost")) return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** Loopback Host/Origin values for the bound port plus the configured extras. */
export function guardPolicy(opts: {
  host: string;
  port: number;
  token?: string;
  allowedHosts?: string[];
  allowedOrigins?: string[];
}): GuardPolicy {
  const names = ["127.0.0.1", "localhost", "[::1]"];
  const wildcard = opts.host === "0.0.0.0" || opts.host === "::";
  if (!wildcard && !names.includes(opts.host))
    names.push(isIP(opts.host) === 6 ? `[${opts.host}]` : opts.host);
  const hosts = [
    ...names.map((n) => `${n}:${opts.port}`),
    ...(opts.allowedHosts ?? []).map((h) => h.toLowerCase()),
  ];
  const origins = [
    ...names.map((n) => `http://${n}:${opts.port}`),
    ...(opts.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, "")),
  ];
  return { hosts, origins, token: opts.token };
}

function hostAllowed(hostHeader: string, allowed: string[]): boolean {
  const h = hostHeader.toLowerCase();
  if (allowed.includes(h)) return true;
  // A configured entry without a port (`spend.internal`) admits that name on any port.
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.split(":")[0];
  return allowed.some((a) => a === name && !a.includes(":"));
}

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function checkRequest(
  headers: { host?: string; origin?: string; authorization?: string },
  policy: GuardPolicy,
): Rejection | null {
  if (!headers.host || !hostAllowed(headers.host, policy.hosts)) {
    return {
      status: 403,
      message: `Host "${headers.host ?? ""}" is not allowed; add it to mcp.allowedHosts in the config to accept it`,
    };
  }
  if (headers.origin !== undefined && !policy.origins.includes(headers.origin.toLowerCase())) {
    return {
      status: 403,
      message: `Origin "${headers.origin}" is not allowed; add it to mcp.allowedOrigins in the config to accept it`,
    };
  }
  if (policy.token !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "");
    if (!m || !tokenMatches(m[1].trim(), policy.token)) {
      return {
        status: 401,
        message: "missing or wrong bearer token: send Authorization: Bearer $BEDROCK_SPEND_MCP_TOKEN",
        headers: { "www-authenticate": 'Bearer realm="bedrock-spend"' },
      };
    }
  }
  return null;
}
