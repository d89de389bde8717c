import { startMcpHttp } from "../mcp/http.js";
import type { ServeComponent } from "./types.js";

/** The MCP tools over Streamable HTTP on config mcp.host/mcp.port (BEDROCK_SPEND_MCP_TOKEN when set). */
export const mcpHttpComponent: ServeComponent = {
  name: "mcp-http",
  enabled: () => true,
  async start({ deps, env, ops }) {
    const shared = ops && ops.port === undefined ? ops : undefined;
    const { mcp } = deps.config;
    const handle = await startMcpHttp(deps, {
      host: mcp.host,
      port: mcp.port,
      token: env.BEDROCK_SPEND_MCP_TOKEN,
      allowedHosts: mcp.allowedHosts,
      allowedOrigins: mcp.allowedOrigins,
      routes: shared?.routes,
    });
    shared?.bound(mcp.host, Number(new URL(handle.url).port || 80));
    deps.log.info(`serve: MCP listening on ${handle.url}`);
    return { stop: () => handle.close() };
  },
};
