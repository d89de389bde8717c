import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { toolError, toolResult } from "./tool-result.js";

/**
 * Registers one capability as an MCP tool. Generic over the registry: the capability's zod
 * schemas go to the SDK as they are (it publishes them as JSON Schema and validates arguments
 * against them before the handler runs), every tool is read-only, and every result or error
 * goes through the same two functions.
 */
export function registerCapability(server: McpServer, cap: AnyCapability, deps: Deps): void {
  server.registerTool(
    cap.name,
    {
      title: cap.title,
      description: cap.description,
      inputSchema: cap.inputSchema,
      outputSchema: cap.outputSchema,
      annotations: {
        title: cap.title,
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: cap.openWorld,
      },
    },
    async (input: unknown) => {
      try {
        return toolResult(cap, await cap.run(deps, input));
      } catch (err) {
        return toolError(cap, err, deps.log);
      }
    },
  );
}
