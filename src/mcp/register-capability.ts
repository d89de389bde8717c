import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { telemetry } from "../util/telemetry.js";
import { answerCall } from "./tool-result.js";

/** How a surface runs a call: in the server's thread by default, or through a ToolRunner (HTTP). */
export type RunTool = (cap: AnyCapability, input: unknown) => Promise<CallToolResult>;

/**
 * Registers one capability as an MCP tool. Generic over the registry: the capability's zod
 * schemas go to the SDK as they are (it publishes them as JSON Schema and validates arguments
 * against them before the handler runs), every tool is read-only, and every result or error
 * goes through the same two functions.
 */
export function registerCapability(server: McpServer, cap: AnyCapability, deps: Deps, run?: RunTool): void {
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
      const result = await (run ? run(cap, input) : answerCall(cap, deps, input));
      telemetry().count("mcp_tool_calls", { tool: cap.name, outcome: result.isError ? "error" : "ok" });
      telemetry().observe("mcp_tool_seconds", (performance.now() - started) / 1000, { tool: cap.name });
      return result;
    },
  );
}
