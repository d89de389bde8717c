import cron, { type ScheduledTask } from "node-cron";
import { UsageError } from "../errors.js";
import type { CollectSource } from "../store/schema-collect.js";
import { alwaysRun, type Exclusive } from "../util/exclusive.js";
import type { Logger } from "../util/log.js";

export type JobRunner = (source: CollectSource, signal: AbortSignal) => Promise<void>;

export interface SchedulerOptions {
  /** Cron expression per source (config collect.schedule). */
  schedule: Partial<Record<CollectSource, string>>;
  /** IANA zone the expressions are read in (config collect.timezone). */
  timezone: string;
  run: JobRunner;
  log: Logger;
  /** Runs a tick on one replica only (serve's lease); default: every tick runs here. */
  exclusive?: Exclusive;
}

export interface Scheduler {
  /** Starts a source's job now unless one is already running ("skipped"). */
  trigger(source: CollectSource): "started" | "skipped";
  running(): CollectSource[];
  /** Stops firing, asks running jobs to stop starting new units, and waits for them to finish. */
  stop(): Promise<void>;
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Cron-driven collection. A source never overlaps itself: a tick that finds the previous run of
 * the same source still going is skipped (and logged), other sources run independently.
 */
export function startScheduler(o: SchedulerOptions): Scheduler {
  if (!validTimezone(o.timezone))
    throw new UsageError(
      `config collect.timezone: unknown time zone "${o.timezone}" (use an IANA name such as Europe/Berlin)`,
    );
  for (const [source, expr] of Object.entries(o.schedule)) {
    if (!cron.validate(expr))
      throw new UsageError(`config collect.schedule.${source}: "${expr}" is not a valid cron expression`);
  }
  const abort = new AbortController();
  const jobs = new Map<CollectSource, Promise<void>>();
  const exclusive = o.exclusive ?? alwaysRun;
  const trigger = (source: CollectSource, tick = new Date()): "started" | "skipped" => {
    if (abort.signal.aborted) return "skipped";
    if (jobs.has(source)) {
      o.log.warn(`scheduler: ${source} is still running; skipping this tick`);
      return "skipped";
    }
    const job = exclusive(`collect-${source}`, tick, () => o.run(source, abort.signal))
      .then(() => undefined)
      .catch((err: Error) => o.log.error(`scheduler: ${source} failed: ${err.message}`))
      .finally(() => jobs.delete(source));
    jobs.set(source, job);
    return "started";
  };
  const tasks: ScheduledTask[] = Object.entries(o.schedule).map(([source, expr]) =>
    cron.schedule(expr, (ctx) => void trigger(source as CollectSource, ctx.date), {
      timezone: o.timezone,
      name: `collect-${source}`,
    }),
  );
  return {
    trigger,
    running: () => [...jobs.keys()],
    async stop() {
      abort.abort();
      await Promise.all(tasks.map(async (t) => t.destroy()));
      await Promise.all(jobs.values());
    },
  };
}
