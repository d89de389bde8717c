import type { App } from "@slack/bolt";
import { register as actions } from "./actions/index.js";
import { register as commands } from "./commands/index.js";
import { register as events } from "./events/index.js";
import { skipSlackRetries } from "./events/skip-retries.js";
import type { ListenerDeps } from "./types.js";

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(skipSlackRetries(deps.log));
  commands(app, deps);
  actions(app, deps);
  events(app, deps);
}
