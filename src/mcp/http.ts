import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { AppError, UsageError } from "../errors.js";
import { checkRequest, guardPolicy, isLoopbackHost } from "./http-guard.js";
import { loadPromptLibrary } from "./prompts.js";
import { createServer } from "./server.js";

export interface McpHttpOptions {
  host: string;
  port: number;
  token?: string;
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** Tools to expose; defaults to every capability in the registry. */
  capabilities?: readonly AnyCapability[];
  /** Other routes on the same port (serve's /healthz, /readyz, /metrics): true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface McpHttpHandle {
  url: string;
  close(): Promise<void>;
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Streamable HTTP on /mcp. Stateless on purpose: every tool is a read-only request/response,
 * the server never pushes notifications, so a fresh server + transport per POST keeps no
 * session state to leak, expire or lose on restart, and works behind any load balancer.
 * Registering the tools per request costs well under a millisecond.
 */
export async function startMcpHttp(deps: Deps, opts: McpHttpOptions): Promise<McpHttpHandle> {
  const token = opts.token || undefined;
  if (!isLoopbackHost(opts.host) && !token) {
    throw new UsageError(
      `refusing to serve MCP on non-loopback host ${opts.host} without a token: set BEDROCK_SPEND_MCP_TOKEN (or bind 127.0.0.1)`,
    );
  }
  const prompts = loadPromptLibrary();
  let policy = guardPolicy({ ...opts, token });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path !== "/mcp") {
      if (opts.routes && (await opts.routes(req, res))) return;
      return sendError(res, 404, `not found: MCP is served at /mcp`);
    }
    const rejection = checkRequest(
      { host: req.headers.host, origin: req.headers.origin, authorization: req.headers.authorization },
      policy,
    );
    if (rejection) {
      deps.log.warn(`mcp http: rejected ${req.method} ${path}: ${rejection.message}`);
      return sendError(res, rejection.status, rejection.message, rejection.headers);
    }
    if (req.method !== "POST") {
      return sendError(res, 405, "this server is stateless: send JSON-RPC with POST /mcp", { allow: "POST" });
    }
    const server = createServer(deps, { prompts, capabilities: opts.capabilities });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log.error(`mcp http: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, 500, "internal error");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          `cannot listen on ${opts.host}:${opts.port} (${err.code ?? err.message})`,
          "choose another --port (0 picks a free one) or --host",
        ),
      ),
    );
    http.listen(opts.port, opts.host, () => {
      http.removeAllListeners("error");
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  // Port 0 binds a free port: the allowed Host/Origin values need the real one.
  policy = guardPolicy({ ...opts, port, token });
  const url = `http://${urlHost(opts.host)}:${port}/mcp`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((err) => (err ? reject(err) : resolve()));
        http.closeAllConnections();
      }),
  };
}
