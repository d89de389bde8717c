import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { telemetry } from "../util/telemetry.js";
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
      const started = performance.now();
      const done = (outcome: "ok" | "error") => {
        telemetry().count("mcp_tool_calls", { tool: cap.name, outcome });
        telemetry().observe("mcp_tool_seconds", (performance.now() - started) / 1000, { tool: cap.name });
      };
      try {
        const result = toolResult(cap, await cap.run(deps, input));
        done("ok");
        return result;
      } catch (err) {
        done("error");
        return toolError(cap, err, deps.log);
      }
    },
  );
}
