import { describe, expect, it } from "vitest";
import { acquireLease, finishLease, listLeases, renewLease } from "../../../src/store/queries/job-lease.js";
import { memoryDb } from "../../helpers/db.js";

const T0 = 1_800_000_000_000;
const tick = (m: number) => new Date(T0 + m * 60_000).toISOString();
const claim = (holder: string, m: number, now: number) => ({
  job: "slack-alerts",
  holder,
  tick: tick(m),
  now,
  ttlMs: 10_000,
});

describe("job leases", () => {
  it("one holder per tick: the other replica skips it, and a finished tick is not run again", async () => {
    const db = await memoryDb();
    const both = await Promise.all([
      acquireLease(db, claim("a", 0, T0)),
      acquireLease(db, claim("b", 0, T0)),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const winner = both[0] ? "a" : "b";
    const loser = winner === "a" ? "b" : "a";
    await finishLease(db, { ...claim(winner, 0, T0 + 1000) });
    expect(await acquireLease(db, claim(loser, 0, T0 + 2000))).toBe(false); // same tick, done
    expect(await acquireLease(db, claim(loser, 1, T0 + 60_000))).toBe(true); // next tick
    await db.destroy();
  });

  it("a holder that stops renewing loses its tick after the TTL; its late heartbeat then fails", async () => {
    const db = await memoryDb();
    expect(await acquireLease(db, claim("a", 0, T0))).toBe(true);
    expect(await renewLease(db, claim("a", 0, T0 + 5_000))).toBe(true); // now expires at T0 + 15 s
    expect(await acquireLease(db, claim("b", 1, T0 + 14_000))).toBe(false); // still held
    expect(await acquireLease(db, claim("b", 1, T0 + 16_000))).toBe(true); // expired: taken over
    expect(await renewLease(db, claim("a", 0, T0 + 17_000))).toBe(false);
    await finishLease(db, claim("a", 0, T0 + 17_000)); // a stale holder cannot finish b's tick
    expect((await listLeases(db)).map((l) => [l.holder, l.tick, l.state])).toEqual([
      ["b", tick(1), "running"],
    ]);
    await db.destroy();
  });
});
