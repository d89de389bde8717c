import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { capabilities as registry } from "../capabilities/index.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { AppError, UsageError } from "../errors.js";
import { CallGate } from "./call-gate.js";
import { readJsonRpcBody } from "./http-body.js";
import { checkRequest, guardPolicy, isLoopbackHost } from "./http-guard.js";
import { loadPromptLibrary } from "./prompts.js";
import { createServer } from "./server.js";
import { listToolsOnce } from "./tool-list.js";
import { type RunnerLimits, ToolRunner } from "./tool-runner.js";

export interface McpHttpOptions {
  host: string;
  port: number;
  token?: string;
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** Tools to expose; defaults to every capability in the registry. */
  capabilities?: readonly AnyCapability[];
  /** Operating limits; default: the config's mcp.maxInFlight, mcp.callTimeoutMs, mcp.workers. */
  limits?: Partial<McpLimits>;
  /** Other routes on the same port (serve's /healthz, /readyz, /metrics): true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface McpLimits extends RunnerLimits {
  maxInFlight: number;
}

export interface McpHttpHandle {
  url: string;
  /** Now: tool calls holding a slot, live and started workers; computations so far. */
  stats(): { inFlight: number; workers: number; readyWorkers: number; computed: number };
  close(): Promise<void>;
}

const RETRY_AFTER_S = 1;

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code = -32000,
  id: unknown = null,
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id }));
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export function resolveLimits(deps: Deps, given: Partial<McpLimits> = {}): McpLimits {
  const { mcp } = deps.config;
  const workers = mcp.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const fixed = { workerIdleMs: 20_000, workerHeapMb: 384 };
  return { maxInFlight: mcp.maxInFlight, callTimeoutMs: mcp.callTimeoutMs, workers, ...fixed, ...given };
}

/**
 * Streamable HTTP on /mcp. Stateless on purpose: every tool is a read-only request/response,
 * the server never pushes notifications, so a fresh server + transport per POST keeps no
 * session state to leak, expire or lose on restart, and works behind any load balancer.
 * Registering the tools per request costs well under a millisecond. The body is read and checked
 * here (size, depth, no batches) before the SDK sees it; a tool call that needs new work is
 * admitted only while fewer than maxInFlight compute, and runs through one shared ToolRunner.
 */
export async function startMcpHttp(deps: Deps, opts: McpHttpOptions): Promise<McpHttpHandle> {
  const token = opts.token || undefined;
  if (!isLoopbackHost(opts.host) && !token) {
    throw new UsageError(
      `refusing to serve MCP on non-loopback host ${opts.host} without a token: set BEDROCK_SPEND_MCP_TOKEN (or bind 127.0.0.1)`,
    );
  }
  const prompts = loadPromptLibrary();
  const tools = opts.capabilities ?? registry;
  const limits = resolveLimits(deps, opts.limits);
  const toolList = await listToolsOnce(deps, { prompts, capabilities: tools });
  const runner = await ToolRunner.create(deps, limits);
  const gate = new CallGate(limits.maxInFlight);
  let policy = guardPolicy({ ...opts, token });

  /** Admits a tools/call: a release function, "busy", or null when it needs no slot. */
  async function admit(msg: Record<string, unknown>): Promise<(() => void) | "busy" | null> {
    if (msg.method !== "tools/call") return null;
    const params = (msg.params ?? {}) as { name?: unknown; arguments?: unknown };
    const cap = tools.find((c) => c.name === params.name);
    const input = cap?.inputSchema.safeParse(params.arguments ?? {});
    // Unknown tools and bad arguments are refused by the SDK at once: no work, no slot.
    if (!cap || !input?.success || (await runner.answeredWithoutWork(cap, input.data))) return null;
    // Work that could not finish within its budget behind the queue is refused now, not timed out later.
    if (!runner.fitsBudget(cap)) return "busy";
    return gate.tryEnter() ?? "busy";
  }

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
    const body = await readJsonRpcBody(req);
    if (!body.ok) {
      deps.log.warn(`mcp http: refused a request body: ${body.message}`);
      // No `connection: close`: closing with the body unread resets the socket before the client
      // reads the answer. Node drains the rest (bounded by requestTimeout) and reuses the socket.
      return sendError(res, body.status, body.message, {}, body.code);
    }
    const slot = await admit(body.message);
    if (slot === "busy") {
      const message = `server busy: ${gate.max} tool calls computing (mcp.maxInFlight); retry after ${RETRY_AFTER_S} s`;
      return sendError(res, 503, message, { "retry-after": String(RETRY_AFTER_S) }, -32000, body.message.id);
    }
    const server = createServer(deps, { prompts, capabilities: tools, runTool: runner.run, toolList });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => {
      slot?.();
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body.message);
  }

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log.error(`mcp http: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, 500, "internal error");
      else res.end();
    });
  });
  // A client that trickles its headers or body is cut off instead of holding a socket.
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  await listen(http, opts).catch(async (err) => {
    await runner.close();
    throw err;
  });
  const port = (http.address() as AddressInfo).port;
  // Port 0 binds a free port: the allowed Host/Origin values need the real one.
  policy = guardPolicy({ ...opts, port, token });
  const url = `http://${urlHost(opts.host)}:${port}/mcp`;
  return {
    url,
    stats: () => ({
      inFlight: gate.inFlight,
      workers: runner.workers().live,
      readyWorkers: runner.workers().ready,
      computed: runner.computed,
    }),
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        http.close((err) => (err ? reject(err) : resolve()));
        http.closeAllConnections();
      });
      await runner.close();
    },
  };
}

function listen(http: Server, opts: { host: string; port: number }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
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
}
