import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AppError } from "../errors.js";
import { guardPolicy } from "../mcp/http-guard.js";
import { installServeMetrics } from "./metrics.js";
import { opsRoutes } from "./ops-http.js";
import { readiness } from "./readiness.js";
import type { Ops, ServeComponent, ServeContext } from "./types.js";

export function createOps(ctx: ServeContext, port: number | undefined): Ops {
  const { deps, env } = ctx;
  const metrics = installServeMetrics();
  const { mcp } = deps.config;
  const policyFor = (host: string, p: number) =>
    guardPolicy({
      host,
      port: p,
      token: env.BEDROCK_SPEND_MCP_TOKEN || undefined,
      allowedHosts: mcp.allowedHosts,
      allowedOrigins: mcp.allowedOrigins,
    });
  let policy = policyFor(mcp.host, port ?? mcp.port);
  const routes = opsRoutes({
    readiness: () => readiness(deps.db, deps.config, deps.now()),
    metrics: async () => ({ body: await metrics.render(), contentType: metrics.registry.contentType }),
    policy: () => policy,
  });
  return {
    routes,
    port,
    bound: (host, p) => {
      policy = policyFor(host, p);
    },
    close: () => metrics.uninstall(),
  };
}

/** /healthz, /readyz and /metrics on their own port, on the MCP host (same token rule). */
export const opsPortComponent: ServeComponent = {
  name: "ops-http",
  enabled: ({ ops }) => ops?.port !== undefined,
  async start({ deps, ops }) {
    if (!ops || ops.port === undefined) throw new Error("ops-http started without --ops-port");
    const host = deps.config.mcp.host;
    const server = createServer((req, res) => {
      ops.routes(req, res).then(
        (handled) => {
          if (!handled) {
            res.writeHead(404, { "content-type": "application/json" });
            res.end('{"error":"not found: /healthz, /readyz, /metrics"}\n');
          }
        },
        (err: Error) => {
          deps.log.error(`ops http: ${err.message}`);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) =>
        reject(
          new AppError(`cannot listen on ${host}:${ops.port} (${err.code})`, "choose another --ops-port"),
        ),
      );
      server.listen(ops.port, host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    ops.bound(host, port);
    deps.log.info(`serve: health and metrics on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
    return {
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  },
};
