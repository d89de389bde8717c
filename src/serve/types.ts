import type { AwsAccess } from "../aws/access.js";
import type { Deps } from "../capabilities/types.js";
import type { Exclusive } from "../util/exclusive.js";
import type { OpsRoutes } from "./ops-http.js";

/** What `bedrock-spend serve` hands every long-running part of the process. */
export interface ServeContext {
  deps: Deps & { aws: AwsAccess };
  env: NodeJS.ProcessEnv;
  /** Health and metrics routes (absent when a test runs components alone). */
  ops?: Ops;
  /** Runs each scheduled tick once across replicas (a lease in the store); absent: always runs. */
  exclusive?: Exclusive;
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

/** The health and metrics routes of one `serve` process, and where they are mounted. */
export interface Ops {
  routes: OpsRoutes;
  /** Their own port (--ops-port / serve.opsPort), or undefined to share the MCP port. */
  port?: number;
  /** Called once the port that serves them is bound: Host/Origin rules need the real port. */
  bound(host: string, port: number): void;
  close(): void;
}
