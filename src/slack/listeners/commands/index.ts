import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../types.js";
import { bedrockSpendCommand } from "./bedrock-spend.js";

export const SLASH_COMMAND = "/bedrock-spend";

export function register(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, bedrockSpendCommand(deps));
}
