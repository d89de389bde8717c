import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { capabilities as registry } from "../capabilities/index.js";
import type { AnyCapability, Deps } from "../capabilities/types.js";
import { AppError } from "../errors.js";
import { readDataVersion, readDbFile } from "../store/queries/data-version.js";
import { ResultCache, stableJson } from "./result-cache.js";
import { answerCall, toolError } from "./tool-result.js";
import { WorkerPool } from "./worker-pool.js";
import { JobTimeout } from "./worker-protocol.js";

export interface RunnerLimits {
  /** Worker threads computing tool calls; 0 computes them in the server's thread. */
  workers: number;
  /** Budget per call, queue wait included, before it answers with a timeout error. */
  callTimeoutMs: number;
  /** A worker idle this long exits (its heap goes back to the system). */
  workerIdleMs: number;
  /** V8 old-space cap per worker: a runaway call ends its worker, never the server. */
  workerHeapMb: number;
}

const CACHE_ENTRIES = 256;
const CACHE_BYTES = 64 * 1024 * 1024;

interface Answer {
  json: string;
  /** Only an answer computed from the store is reused; a timeout or failure is not. */
  reusable: boolean;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobTimeout("time budget exceeded")), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Runs tool calls for a long-lived server. Store-only tools are answered once per (tool,
 * arguments, store data version, minute of the clock): callers asking the same question while it
 * computes share that computation, later ones get the stored answer until the data or the minute
 * changes. Computation happens on worker threads when the store is a file (an in-memory store
 * exists in this thread only), and every call has a time budget.
 */
export class ToolRunner {
  private readonly cache = new ResultCache(CACHE_ENTRIES, CACHE_BYTES);
  private readonly computing = new Map<string, Promise<Answer>>();
  /** Recent duration per tool (exponentially weighted), for admission. */
  private readonly durations = new Map<string, number>();

  private constructor(
    private readonly deps: Deps,
    private readonly limits: RunnerLimits,
    private readonly pool: WorkerPool | null,
  ) {}

  static async create(deps: Deps, limits: RunnerLimits): Promise<ToolRunner> {
    const dbPath = limits.workers > 0 ? await readDbFile(deps.db) : "";
    const pool = dbPath
      ? new WorkerPool({
          size: limits.workers,
          dbPath,
          config: deps.config,
          log: deps.log,
          idleMs: limits.workerIdleMs,
          heapMb: limits.workerHeapMb,
        })
      : null;
    return new ToolRunner(deps, limits, pool);
  }

  /** Computations started (calls not answered from the cache or a shared computation). */
  computed = 0;

  workers(): { live: number; ready: number } {
    return this.pool?.workers() ?? { live: 0, ready: 0 };
  }

  /**
   * Whether a call needing new work would start soon enough to finish within its budget, from the
   * work queued ahead of it. An idle pool always admits, so a slow tool is still tried (and timed).
   */
  fitsBudget(cap: AnyCapability): boolean {
    if (!this.pool || !this.offThread(cap) || this.pool.load === 0) return true;
    const backlog = this.pool.backlogMs((tool) => this.expectedMs(tool));
    return backlog + this.expectedMs(cap.name) <= this.limits.callTimeoutMs * 0.75;
  }

  /** True when this call would be answered without new work: stored, or already computing. */
  async answeredWithoutWork(cap: AnyCapability, input: unknown): Promise<boolean> {
    if (cap.openWorld) return false;
    const key = await this.key(cap, input);
    return this.cache.has(key) || this.computing.has(key);
  }

  readonly run = async (cap: AnyCapability, input: unknown): Promise<CallToolResult> => {
    // Live AWS answers are not a function of the store: never reused.
    if (cap.openWorld) return JSON.parse((await this.compute(cap, input)).json);
    const key = await this.key(cap, input);
    const stored = this.cache.get(key);
    if (stored !== undefined) return JSON.parse(stored);
    let answer = this.computing.get(key);
    if (!answer) {
      this.computed++;
      answer = this.compute(cap, input);
      this.computing.set(key, answer);
      void answer.then((a) => {
        this.computing.delete(key);
        if (a.reusable) this.cache.set(key, a.json);
      });
    }
    return JSON.parse((await answer).json);
  };

  async close(): Promise<void> {
    this.cache.clear();
    await this.pool?.close();
  }

  private offThread(cap: AnyCapability): boolean {
    return !cap.openWorld && registry.includes(cap);
  }

  /** A tool never timed yet is assumed to take an eighth of the budget. */
  private expectedMs(tool: string): number {
    return this.durations.get(tool) ?? this.limits.callTimeoutMs / 8;
  }

  private recordMs(tool: string, ms: number): void {
    const prev = this.durations.get(tool);
    this.durations.set(tool, prev === undefined ? ms : 0.7 * prev + 0.3 * ms);
  }

  private async key(cap: AnyCapability, input: unknown): Promise<string> {
    const minute = this.deps.now().toISOString().slice(0, 16);
    return `${cap.name}\n${stableJson(input)}\n${await readDataVersion(this.deps.db)}\n${minute}`;
  }

  /** Never rejects: a timeout or a crashed worker becomes an isError answer like any other. */
  private async compute(cap: AnyCapability, input: unknown): Promise<Answer> {
    const budget = this.limits.callTimeoutMs;
    try {
      if (this.pool && this.offThread(cap)) {
        const a = await this.pool.run(cap.name, input, this.deps.now().toISOString(), budget);
        this.recordMs(cap.name, a.ms);
        return { json: a.json, reusable: !a.isError };
      }
      const result = await withTimeout(answerCall(cap, this.deps, input), budget);
      return { json: JSON.stringify(result), reusable: result.isError !== true };
    } catch (err) {
      const late =
        err instanceof JobTimeout
          ? new AppError(
              `no answer within ${budget / 1000} s (the server's time budget per call, mcp.callTimeoutMs)`,
              "narrow the date range or add filters, then call again",
            )
          : err;
      if (err instanceof JobTimeout) {
        this.deps.log.warn(`mcp tool ${cap.name} timed out after ${budget} ms`);
        this.recordMs(cap.name, budget);
      }
      return { json: JSON.stringify(toolError(cap, late, this.deps.log)), reusable: false };
    }
  }
}
