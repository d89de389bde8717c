import type { Config } from "../config.js";
import type { Logger } from "../util/log.js";

/** Messages between the worker pool and its tool workers. */

export interface WorkerJob {
  id: number;
  tool: string;
  input: unknown;
  nowIso: string;
}

/** Worker → pool: started (store open), an answer, or a log line for the server's log. */
export type WorkerReply =
  | { ready: true }
  | { id: number; json: string; isError: boolean; failure?: string }
  | { log: keyof Logger; msg: string };

/** Pool → worker: a job, or "close your store connection and exit" (an idle worker). */
export type WorkerRequest = WorkerJob | { exit: true };

export interface PoolOptions {
  size: number;
  dbPath: string;
  config: Config;
  log: Logger;
  /** A worker idle this long exits, giving its heap back; the next call starts a fresh one. */
  idleMs: number;
  /** V8 old-space limit per worker: a runaway call kills its worker, never the server. */
  heapMb: number;
}

/** The job did not finish within its budget; its worker was stopped. */
export class JobTimeout extends Error {}

/** A serialized CallToolResult, whether it is an error, and how long the worker took. */
export interface JobAnswer {
  json: string;
  isError: boolean;
  ms: number;
}

/**
 * The worker's entry. Built, it is tool-worker.js. From sources (tests and tools run through tsx)
 * it is TypeScript, and a worker thread does not inherit the parent's loader: a one-line bootstrap
 * registers tsx in the worker first, then imports the entry.
 */
export function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith(".ts"))
    return { entry: new URL("./tool-worker.js", import.meta.url), eval: false };
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const url = JSON.stringify(new URL("./tool-worker.ts", import.meta.url).href);
  return { entry: `import(${api}).then((t) => { t.register(); return import(${url}); });`, eval: true };
}
