/**
 * Runs a scheduled job's tick only where it should run: `serve` passes one backed by a lease in
 * the store, so with several replicas each tick of each job runs once (docs/deployment.md). `fn`
 * is not called (false) when another process runs or already ran this tick.
 */
export type Exclusive = (job: string, tick: Date, fn: () => Promise<void>) => Promise<boolean>;

/** One process alone: every tick runs. */
export const alwaysRun: Exclusive = async (_job, _tick, fn) => {
  await fn();
  return true;
};
