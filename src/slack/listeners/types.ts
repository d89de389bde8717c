import type { Delivery } from "../delivery.js";
import type { SlackDeps } from "../types.js";

/** What listeners get: the Slack deps plus the paced, ledgered delivery. */
export interface ListenerDeps extends SlackDeps {
  delivery: Delivery;
}
