import { startMcpHttp } from "../mcp/http.js";
import type { ServeComponent } from "./types.js";

/** The MCP tools over Streamable HTTP on config mcp.host/mcp.port (BEDROCK_SPEND_MCP_TOKEN when set). */
export const mcpHttpComponent: ServeComponent = {
  name: "mcp-http",
  enabled: () => true,
  async start({ deps, env }) {
    const { mcp } = deps.config;
    const handle = await startMcpHttp(deps, {
      host: mcp.host,
      port: mcp.port,
      token: env.BEDROCK_SPEND_MCP_TOKEN,
      allowedHosts: mcp.allowedHosts,
      allowedOrigins: mcp.allowedOrigins,
    });
    deps.log.info(`serve: MCP listening on ${handle.url}`);
    return { stop: () => handle.close() };
  },
};
