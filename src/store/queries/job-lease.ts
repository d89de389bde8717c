import type { Db } from "../db.js";

/**
 * Job leases (schema-lease.ts): each tick of a scheduled job runs on one replica. Every statement
 * is a single atomic upsert or update, so two replicas deciding at once cannot both win.
 */

export interface LeaseClaim {
  job: string;
  holder: string;
  /** The scheduled instant of this tick (ISO). */
  tick: string;
  /** Wall-clock epoch ms. */
  now: number;
  ttlMs: number;
}

/**
 * Takes the job's lease for `tick`: when no replica ever ran it, when the last tick is done and
 * older than this one, or when the holder stopped renewing (it died) and the lease expired.
 */
export async function acquireLease(db: Db, c: LeaseClaim): Promise<boolean> {
  const row = {
    job: c.job,
    holder: c.holder,
    tick: c.tick,
    state: "running" as const,
    expires_at: c.now + c.ttlMs,
    updated_at: new Date(c.now).toISOString(),
  };
  const r = await db
    .insertInto("job_lease")
    .values(row)
    .onConflict((oc) =>
      oc
        .column("job")
        .doUpdateSet({
          holder: row.holder,
          tick: row.tick,
          state: "running",
          expires_at: row.expires_at,
          updated_at: row.updated_at,
        })
        .where((eb) =>
          eb.or([
            eb.and([eb("job_lease.state", "=", "done"), eb("job_lease.tick", "<", row.tick)]),
            eb.and([eb("job_lease.state", "=", "running"), eb("job_lease.expires_at", "<", c.now)]),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

const mine = (db: Db, c: Pick<LeaseClaim, "job" | "holder" | "tick">) =>
  db
    .updateTable("job_lease")
    .where("job", "=", c.job)
    .where("holder", "=", c.holder)
    .where("tick", "=", c.tick)
    .where("state", "=", "running");

/** Extends a running lease; false when it is no longer this holder's (it expired and was taken). */
export async function renewLease(db: Db, c: LeaseClaim): Promise<boolean> {
  const r = await mine(db, c)
    .set({ expires_at: c.now + c.ttlMs, updated_at: new Date(c.now).toISOString() })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the tick done (run or failed: the next tick tries again). */
export async function finishLease(db: Db, c: Omit<LeaseClaim, "ttlMs">): Promise<void> {
  await mine(db, c)
    .set({ state: "done", expires_at: c.now, updated_at: new Date(c.now).toISOString() })
    .execute();
}

export function listLeases(db: Db) {
  return db.selectFrom("job_lease").selectAll().orderBy("job").execute();
}
