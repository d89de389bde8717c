import { randomUUID } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../types.js";

/**
 * restJson1 (Bedrock control plane): the operation is the HTTP method + path, inputs in the path,
 * query string and JSON body; errors name their type in `x-amzn-errortype`; timestamps ISO-8601.
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
export interface RestRoute {
  method: string;
  /** Path pattern; `{name}` captures one URL-decoded segment. */
  path: string;
  action: string;
  handle(req: SandboxRequest, params: Record<string, string>): SandboxResponse | Promise<SandboxResponse>;
}

interface CompiledRoute extends RestRoute {
  re: RegExp;
  names: string[];
}

export function compileRoutes(routes: RestRoute[]): CompiledRoute[] {
  return routes.map((r) => {
    const names: string[] = [];
    const re = new RegExp(
      `^${r.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
        names.push(n);
        return "([^/]+)";
      })}/?$`,
    );
    return { ...r, re, names };
  });
}

export function matchRoute(
  routes: CompiledRoute[],
  req: SandboxRequest,
): { route: CompiledRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const m = route.re.exec(req.rawPath ?? req.path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1]);
    });
    return { route, params };
  }
  return undefined;
}

export function restJson(body: unknown, status = 200): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": randomUUID() },
    body: JSON.stringify(body),
  };
}

export function restJsonError(status: number, type: string, message: string): SandboxResponse {
  return {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": type,
      "x-amzn-requestid": randomUUID(),
    },
    body: JSON.stringify({ message }),
  };
}
