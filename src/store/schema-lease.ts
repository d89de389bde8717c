/**
 * One row per scheduled job (migration 0009): who runs its current tick and until when the lease
 * holds without a heartbeat. Shared by every replica of `serve` on one store.
 */
export interface JobLeaseTable {
  /** e.g. `collect-cur`, `slack-alerts`. */
  job: string;
  /** `host:pid:random` of the process that took it. */
  holder: string;
  /** The scheduled instant (ISO) of the tick being run or last run. */
  tick: string;
  state: "running" | "done";
  /** Epoch ms (wall clock) after which another replica may take a running tick over. */
  expires_at: number;
  updated_at: string;
}
