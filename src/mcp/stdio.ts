import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Deps } from "../capabilities/types.js";
import { createServer } from "./server.js";

/**
 * Serves MCP over stdin/stdout until the client closes stdin. stdout carries the protocol only;
 * every log line goes to stderr through deps.log.
 */
export async function runMcpStdio(deps: Deps): Promise<void> {
  const server = createServer(deps);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once("end", resolve);
  });
  await server.connect(transport);
  deps.log.debug("mcp: serving on stdio");
  await closed;
  await server.close();
}
