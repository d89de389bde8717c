import { collectSchedulerComponent } from "./collect-component.js";
import { mcpHttpComponent } from "./mcp-component.js";
import { opsPortComponent } from "./ops-component.js";
import { slackComponent } from "./slack-component.js";
import type { ServeComponent } from "./types.js";

/**
 * HOOK LIST for `bedrock-spend serve`: every long-running part, started in this order and stopped
 * in reverse. MCP HTTP and Slack add one line each here.
 */
export const serveComponents: ServeComponent[] = [
  collectSchedulerComponent,
  mcpHttpComponent,
  opsPortComponent,
  slackComponent,
];
