import type { Delivery } from "../delivery.js";
import type { SlackDeps } from "../types.js";

/** Scheduled jobs are `async (deps, now)` and idempotent (every post goes through the ledger). */
export interface JobDeps extends SlackDeps {
  delivery: Delivery;
  /** Channel id or name from config `slack.channel`. */
  channel: string;
}
