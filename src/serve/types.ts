import type { AwsAccess } from "../aws/access.js";
import type { Deps } from "../capabilities/types.js";

/** What `bedrock-spend serve` hands every long-running part of the process. */
export interface ServeContext {
  deps: Deps & { aws: AwsAccess };
  env: NodeJS.ProcessEnv;
}

export interface Running {
  /** Stops accepting work and waits for in-flight work (a collection unit's transaction, a request). */
  stop(): Promise<void>;
}

/** One part of `serve` (scheduler, MCP HTTP server, Slack app). */
export interface ServeComponent {
  name: string;
  /** False to leave the component out for this config (e.g. Slack without tokens). */
  enabled(ctx: ServeContext): boolean;
  /** Why it is left out, logged on stderr (e.g. which variable to set). */
  disabledReason?(ctx: ServeContext): string;
  start(ctx: ServeContext): Promise<Running>;
}
