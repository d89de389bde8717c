import type { IncomingMessage, ServerResponse } from "node:http";
import { checkRequest, type GuardPolicy } from "../mcp/http-guard.js";
import type { Readiness } from "./readiness.js";

export const OPS_PATHS = ["/healthz", "/readyz", "/metrics"] as const;

export interface OpsRoutesOptions {
  readiness(): Promise<Readiness>;
  /** Prometheus text exposition and its content type. */
  metrics(): Promise<{ body: string; contentType: string }>;
  /** The Host/Origin/token policy of the port the routes are served on (known once it is bound). */
  policy(): GuardPolicy;
}

/** Handles /healthz, /readyz and /metrics; returns false for any other path. */
export type OpsRoutes = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

/**
 * Health checks answer anyone whose request is not a browser's from a foreign Origin: load
 * balancers send the target's address as Host and cannot send a token, and the answer is only
 * up/ready. /metrics tells more (tool names, volumes), so it takes the MCP endpoint's whole
 * rule: Host and Origin allowed, and the bearer token when one is set.
 */
export function opsRoutes(o: OpsRoutesOptions): OpsRoutes {
  return async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (!(OPS_PATHS as readonly string[]).includes(path)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, { error: `${path} answers GET` }, { allow: "GET, HEAD" });
      return true;
    }
    const policy = o.policy();
    const headers = {
      host: req.headers.host,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
    };
    const rejection =
      path === "/metrics"
        ? checkRequest(headers, policy)
        : headers.origin === undefined
          ? null
          : checkRequest({ ...headers, host: policy.hosts[0] }, { ...policy, token: undefined });
    if (rejection) {
      send(res, rejection.status, { error: rejection.message }, rejection.headers);
      return true;
    }
    if (path === "/healthz") send(res, 200, { status: "ok" });
    else if (path === "/readyz") {
      const r = await o.readiness();
      send(res, r.ready ? 200 : 503, { status: r.ready ? "ready" : "not ready", ...r });
    } else {
      const m = await o.metrics();
      res.writeHead(200, { "content-type": m.contentType, "cache-control": "no-store" });
      res.end(m.body);
    }
    return true;
  };
}
