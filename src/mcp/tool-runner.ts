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

/** How many budgets a computation may run before its worker is terminated. */
const RUN_LIMIT = 3;

/**
 * Runs tool calls for a long-lived server. Store-only tools are answered once per (tool,
 * arguments, store data version, minute of the clock): callers asking the same question while it
 * computes share that computation, later ones get the stored answer until the data or the minute
 * changes. Computation happens on worker threads when the store is a file or a PostgreSQL URL (an in-memory store
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

  /** Seconds until the queued work is likely done: what a refused client is told to wait (1..30). */
  retryAfterS(): number {
    const backlog = this.pool ? this.pool.backlogMs((tool) => this.expectedMs(tool)) : 0;
    return Math.min(30, Math.max(1, Math.ceil(backlog / 1000)));
  }

  /** True when this call would be answered without new work: stored, or already computing. */
  async answeredWithoutWork(cap: AnyCapability, input: unknown): Promise<boolean> {
    if (cap.openWorld) return false;
    const key = await this.key(cap, input);
    return this.cache.has(key) || this.computing.has(key);
  }

  readonly run = async (cap: AnyCapability, input: unknown): Promise<CallToolResult> => {
    // Live AWS answers are not a function of the store: never reused.
    if (cap.openWorld) return JSON.parse((await this.withinBudget(cap, this.compute(cap, input))).json);
    const key = await this.key(cap, input);
    const stored = this.cache.get(key);
    if (stored !== undefined) return JSON.parse(stored);
    let shared = this.computing.get(key);
    if (!shared) {
      this.computed++;
      const answer = this.compute(cap, input);
      this.computing.set(key, answer);
      void answer.then((a) => {
        this.computing.delete(key);
        if (a.reusable) this.cache.set(key, a.json);
      });
      shared = answer;
    }
    return JSON.parse((await this.withinBudget(cap, shared)).json);
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

  /** Each caller waits at most its budget, whoever started the computation and when. */
  private withinBudget(cap: AnyCapability, answer: Promise<Answer>): Promise<Answer> {
    const budget = this.limits.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => {
        const err = new AppError(
          `no answer within ${budget / 1000} s (the server's time budget per call, mcp.callTimeoutMs)`,
          "narrow the date range or add filters, or call again shortly: the answer may be ready then",
        );
        resolve({ json: JSON.stringify(toolError(cap, err, this.deps.log)), reusable: false });
      }, budget);
    });
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  }

  /**
   * Computes one answer; never rejects (a crashed or stopped worker becomes an isError answer). A
   * computation outlives the budget of the call that started it (queued up to 2 budgets, running up
   * to RUN_LIMIT), so a retry of a slow question finds it done; past that it is dropped or its
   * worker terminated.
   */
  private async compute(cap: AnyCapability, input: unknown): Promise<Answer> {
    const budget = this.limits.callTimeoutMs;
    const warn = setTimeout(
      () => this.deps.log.warn(`mcp tool ${cap.name} is over its ${budget} ms budget`),
      budget,
    );
    try {
      if (this.pool && this.offThread(cap)) {
        const job = { tool: cap.name, input, nowIso: this.deps.now().toISOString() };
        const a = await this.pool.run(job, { waitMs: 2 * budget, runMs: RUN_LIMIT * budget });
        this.recordMs(cap.name, a.ms);
        return { json: a.json, reusable: !a.isError };
      }
      const result = await answerCall(cap, this.deps, input);
      return { json: JSON.stringify(result), reusable: result.isError !== true };
    } catch (err) {
      if (!(err instanceof JobTimeout))
        return { json: JSON.stringify(toolError(cap, err, this.deps.log)), reusable: false };
      this.deps.log.warn(`mcp tool ${cap.name}: ${err.message}`);
      this.recordMs(cap.name, RUN_LIMIT * budget);
      const hint = err.queued
        ? "the server is busy: call again shortly"
        : "narrow the date range or add filters, then call again";
      const stopped = new AppError(err.message, hint);
      return { json: JSON.stringify(toolError(cap, stopped, this.deps.log)), reusable: false };
    } finally {
      clearTimeout(warn);
    }
  }
}
