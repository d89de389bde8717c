import type { types } from "@slack/bolt";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import type { FreshnessSource } from "./freshness.js";

/** What the Slack surface needs beyond the capability deps: the registry and a freshness source. */
export interface SlackDeps extends Deps {
  /** The capability registry to look names up in (src/capabilities/index.ts in production). */
  capabilities: readonly AnyCapability[];
  /** Where collection health comes from (collection_run when present, ingest_log otherwise). */
  freshness: FreshnessSource;
}

export type Block = types.KnownBlock;

/** A Slack message: Block Kit plus the plain-text fallback used in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
