import type { types } from "@slack/bolt";
import type { ToolSet } from "../capabilities/index.js";
import type { Deps } from "../capabilities/types.js";
import type { FreshnessSource } from "./freshness.js";

/** What the Slack surface needs beyond the capability deps: the registry and a freshness source. */
export interface SlackDeps extends Deps {
  /** The tools Slack may call, by name (the whole registry of src/capabilities/index.ts in production). */
  capabilities: ToolSet;
  /** Where collection health comes from (collection_run when present, ingest_log otherwise). */
  freshness: FreshnessSource;
}

export type Block = types.KnownBlock;

/** A Slack message: Block Kit plus the plain-text fallback used in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
