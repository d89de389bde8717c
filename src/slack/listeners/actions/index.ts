import type { App, BlockButtonAction } from "@slack/bolt";
import type { ListenerDeps } from "../types.js";
import { triageAction } from "./triage.js";

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: /^(ack|expected|mute_7d)$/ },
    triageAction(deps),
  );
}
