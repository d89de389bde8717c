import { Worker } from "node:worker_threads";
import {
  type JobAnswer,
  JobTimeout,
  type PoolOptions,
  type WorkerJob,
  type WorkerReply,
  workerEntry,
} from "./worker-protocol.js";

interface Pending {
  job: WorkerJob;
  /** When a worker took it (performance.now()), undefined while queued. */
  startedAt?: number;
  resolve(a: JobAnswer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker | null;
  /** The worker has opened the store and takes jobs. */
  ready: boolean;
  busy: Pending | null;
  idle: NodeJS.Timeout | null;
}

/**
 * Worker threads answering tool calls one at a time each, FIFO, each job only once its worker has
 * started. A job past its budget is rejected with JobTimeout; a running one has its worker
 * terminated: the only way to stop synchronous work, and it frees the worker's memory at once.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly o: PoolOptions) {
    this.slots = Array.from({ length: o.size }, () => ({
      worker: null,
      ready: false,
      busy: null,
      idle: null,
    }));
  }

  /** Jobs running or waiting. */
  get load(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length;
  }

  /** Workers alive (starting, busy or idle) and ready (store open). */
  workers(): { live: number; ready: number } {
    return {
      live: this.slots.filter((s) => s.worker).length,
      ready: this.slots.filter((s) => s.ready).length,
    };
  }

  /** Expected wait before a new job starts, from each queued or running job's expected duration. */
  backlogMs(expectedMs: (tool: string) => number): number {
    const now = performance.now();
    let total = 0;
    for (const p of this.queue) total += expectedMs(p.job.tool);
    for (const s of this.slots)
      if (s.busy) total += Math.max(0, expectedMs(s.busy.job.tool) - (now - (s.busy.startedAt ?? now)));
    return total / this.slots.length;
  }

  run(tool: string, input: unknown, nowIso: string, timeoutMs: number): Promise<JobAnswer> {
    if (this.closed) return Promise.reject(new Error("worker pool is closed"));
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, tool, input, nowIso };
      const p: Pending = { job, resolve, reject, timer: setTimeout(() => this.timeout(p), timeoutMs) };
      this.queue.push(p);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.settle(p, new Error("server shutting down"));
    await Promise.all(this.slots.map((s) => this.stop(s, new Error("server shutting down"))));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (slot.busy) continue;
      if (!slot.worker) this.spawn(slot);
      if (!slot.ready) continue;
      const p = this.queue.shift() as Pending;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.busy = p;
      p.startedAt = performance.now();
      slot.worker?.postMessage(p.job);
    }
  }

  private spawn(slot: Slot): void {
    const { entry, eval: isCode } = workerEntry();
    const workerData = { dbPath: this.o.dbPath, config: this.o.config };
    const resourceLimits = { maxOldGenerationSizeMb: this.o.heapMb };
    const w = new Worker(entry, { eval: isCode, workerData, resourceLimits });
    slot.worker = w;
    slot.ready = false;
    this.o.log.debug(`mcp: tool worker starting (${this.workers().live} of ${this.slots.length})`);
    w.on("message", (m: WorkerReply) => this.onMessage(slot, m));
    w.on("error", (err) => this.onExit(slot, w, err));
    w.on("exit", (code) => this.onExit(slot, w, new Error(`tool worker exited with code ${code}`)));
  }

  private onMessage(slot: Slot, m: WorkerReply): void {
    if ("log" in m) {
      this.o.log[m.log](m.msg);
      return;
    }
    const p = slot.busy;
    if ("ready" in m) slot.ready = true;
    else if (p && p.job.id === m.id) {
      slot.busy = null;
      const ms = performance.now() - (p.startedAt ?? performance.now());
      this.settle(p, m.failure ? new Error(m.failure) : null, { json: m.json, isError: m.isError, ms });
    }
    this.next(slot);
  }

  private onExit(slot: Slot, w: Worker, err: Error): void {
    if (slot.worker !== w) return;
    slot.worker = null;
    slot.ready = false;
    const p = slot.busy;
    slot.busy = null;
    if (p) this.o.log.error(`mcp: tool worker died during ${p.job.tool}: ${err.message}`);
    else this.o.log.error(`mcp: tool worker failed to start: ${err.message}`);
    // A worker that cannot start fails the queue now rather than leaving it to time out.
    for (const q of p ? [p] : this.queue.splice(0)) this.settle(q, err);
    this.next(slot);
  }

  /** Hands out queued work; a worker left without any exits once idle for idleMs. */
  private next(slot: Slot): void {
    this.dispatch();
    if (slot.busy || !slot.worker || slot.idle || this.closed) return;
    slot.idle = setTimeout(() => this.retire(slot), this.o.idleMs);
    slot.idle.unref();
  }

  /** An idle worker closes its store connection and exits; terminated if it has not within 2 s. */
  private retire(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    slot.ready = false;
    slot.idle = null;
    if (!w) return;
    w.postMessage({ exit: true });
    setTimeout(() => void w.terminate(), 2000).unref();
    this.o.log.debug("mcp: idle tool worker exited");
  }

  private timeout(p: Pending): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.busy === p);
    this.settle(p, new JobTimeout(`${p.job.tool} did not finish within its time budget`));
    if (slot) void this.stop(slot, null).then(() => this.dispatch());
  }

  private async stop(slot: Slot, err: Error | null): Promise<void> {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    const w = slot.worker;
    slot.worker = null;
    slot.ready = false;
    const p = slot.busy;
    slot.busy = null;
    if (p && err) this.settle(p, err);
    if (w) await w.terminate();
  }

  private settle(p: Pending, err: Error | null, answer?: JobAnswer): void {
    clearTimeout(p.timer);
    if (err || !answer) p.reject(err ?? new Error("no answer"));
    else p.resolve(answer);
  }
}
