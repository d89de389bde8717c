import { readFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ListToolsRequestSchema, type ListToolsResult } from "@modelcontextprotocol/sdk/types.js";
import { capabilities as registry } from "../capabilities/index.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { loadPromptLibrary, type PromptLibrary, registerPrompts } from "./prompts.js";
import { type RunTool, registerCapability } from "./register-capability.js";

export interface ServerOptions {
  /** Tools to expose; defaults to every capability in the registry. */
  capabilities?: readonly AnyCapability[];
  /** Prompts and instructions, loaded once by long-lived transports and shared. */
  prompts?: PromptLibrary;
  /** Runs tool calls (cache, time budget, worker threads); default: in this thread, as they come. */
  runTool?: RunTool;
  /**
   * A tools/list answer computed once (see tool-list.ts). The SDK converts every schema to JSON
   * Schema on each tools/list; a server built per HTTP request would redo it every time.
   */
  toolList?: ListToolsResult;
}

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The MCP server, apart from any transport: every capability as a tool, plus prompts. */
export function createServer(deps: Deps, opts: ServerOptions = {}): McpServer {
  const prompts = opts.prompts ?? loadPromptLibrary();
  const server = new McpServer(
    { name: "bedrock-spend", title: "bedrock-spend", version: pkg.version },
    { instructions: prompts.instructions, capabilities: { tools: {}, prompts: {} } },
  );
  // Sorted by name: a stable tools/list order whatever order capabilities were registered in.
  const tools = [...(opts.capabilities ?? registry)].sort((a, b) => a.name.localeCompare(b.name));
  for (const cap of tools) registerCapability(server, cap, deps, opts.runTool);
  registerPrompts(server, prompts);
  const list = opts.toolList;
  if (list) server.server.setRequestHandler(ListToolsRequestSchema, () => list);
  return server;
}
