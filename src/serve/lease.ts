import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { errorMessage } from "../errors.js";
import type { Db } from "../store/db.js";
import { acquireLease, finishLease, renewLease } from "../store/queries/job-lease.js";
import type { Exclusive } from "../util/exclusive.js";
import type { Logger } from "../util/log.js";

export interface LeaseOptions {
  /** How long a lease holds without a heartbeat: a dead holder's tick is taken over after it. */
  ttlMs: number;
  log: Logger;
  /** Wall clock (leases are about real time, never BEDROCK_SPEND_NOW). */
  clock?: () => number;
  holder?: string;
}

/** This process as a lease holder: `host:pid:random`. */
export function holderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * Runs each job tick under a lease in the store, so that with several `serve` replicas on one
 * store each tick runs once. While it runs, the holder renews the lease every third of its TTL;
 * when the holder dies, the lease expires and the next tick of another replica takes it over and
 * does the work. Leases use the wall clock: replicas need synchronized clocks (NTP), as usual.
 */
export function leaseExclusive(db: Db, o: LeaseOptions): Exclusive {
  const clock = o.clock ?? Date.now;
  const holder = o.holder ?? holderId();
  return async (job, tickAt, fn) => {
    const tick = tickAt.toISOString();
    const claim = { job, holder, tick, ttlMs: o.ttlMs };
    if (!(await acquireLease(db, { ...claim, now: clock() }))) {
      o.log.info(`lease: ${job} ${tick} runs on another replica; skipped here`);
      return false;
    }
    const beat = setInterval(
      () => {
        renewLease(db, { ...claim, now: clock() })
          .then((still) => {
            if (!still) o.log.warn(`lease: ${job} ${tick} was taken over (heartbeat too late)`);
          })
          .catch((err) => o.log.warn(`lease: ${job} heartbeat failed: ${errorMessage(err)}`));
      },
      Math.max(100, Math.floor(o.ttlMs / 3)),
    );
    beat.unref();
    try {
      await fn();
      return true;
    } finally {
      clearInterval(beat);
      await finishLease(db, { job, holder, tick, now: clock() }).catch((err) =>
        o.log.warn(`lease: ${job} not released (${errorMessage(err)}); it expires in ${o.ttlMs} ms`),
      );
    }
  };
}
