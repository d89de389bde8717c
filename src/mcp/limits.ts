import { availableParallelism } from "node:os";
import type { Deps } from "../capabilities/types.js";
import type { RunnerLimits } from "./tool-runner.js";

/** How much the HTTP server takes on at once (docs/mcp.md, "Operating limits"). */
export interface McpLimits extends RunnerLimits {
  /** Tool calls needing new work admitted at once; more get 503 + Retry-After. */
  maxInFlight: number;
}

/**
 * The config's mcp.maxInFlight, mcp.callTimeoutMs and mcp.workers (default: one per core but one,
 * 1..4: the event loop keeps a core), plus what tests may tighten. A worker idle 20 s exits; its
 * heap is capped at 384 MB so a runaway call ends that worker, never the server.
 */
export function resolveLimits(deps: Deps, given: Partial<McpLimits> = {}): McpLimits {
  const { mcp } = deps.config;
  const workers = mcp.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const fixed = { workerIdleMs: 20_000, workerHeapMb: 384 };
  return { maxInFlight: mcp.maxInFlight, callTimeoutMs: mcp.callTimeoutMs, workers, ...fixed, ...given };
}
