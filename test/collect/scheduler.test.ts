import { describe, expect, it } from "vitest";
import { startScheduler } from "../../src/collect/scheduler.js";
import type { CollectSource } from "../../src/store/schema-collect.js";
import type { Logger } from "../../src/util/log.js";

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (m: string) => void lines.push(m);
  return { lines, debug: add, info: add, warn: add, error: add };
}

describe("startScheduler", () => {
  it("fires on its cron schedule and never overlaps a running job of the same source", async () => {
    const log = recordingLog();
    const started: CollectSource[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const s = startScheduler({
      schedule: { metrics: "* * * * * *" }, // every second (node-cron's optional seconds field)
      timezone: "Europe/Berlin",
      log,
      run: async (source) => {
        started.push(source);
        await gate;
      },
    });
    const t0 = Date.now();
    while (started.length === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(["metrics"]);
    // The job is still running: further ticks and manual triggers are skipped, not stacked.
    await new Promise((r) => setTimeout(r, 1300));
    expect(s.trigger("metrics")).toBe("skipped");
    expect(started).toEqual(["metrics"]);
    expect(log.lines.some((l) => /metrics is still running/.test(l))).toBe(true);
    // Another source is independent.
    expect(s.trigger("inventory")).toBe("started");
    release();
    await s.stop();
    expect(s.running()).toEqual([]);
  });

  it("stop() aborts new work and waits for the running job to finish its transaction", async () => {
    const events: string[] = [];
    const s = startScheduler({
      schedule: { logs: "0 3 * * *" },
      timezone: "UTC",
      log: recordingLog(),
      run: async (_source, signal) => {
        events.push("begin");
        await new Promise((r) => setTimeout(r, 200));
        events.push(signal.aborted ? "commit (abort seen)" : "commit");
      },
    });
    expect(s.trigger("logs")).toBe("started");
    await s.stop();
    events.push("stopped");
    expect(events).toEqual(["begin", "commit (abort seen)", "stopped"]);
    expect(s.trigger("logs")).toBe("skipped");
  });

  it("rejects a bad cron expression or time zone naming the config key", () => {
    const base = { log: recordingLog(), run: async () => {} };
    expect(() => startScheduler({ ...base, schedule: { cur: "every hour" }, timezone: "UTC" })).toThrow(
      /collect\.schedule\.cur/,
    );
    expect(() => startScheduler({ ...base, schedule: {}, timezone: "Mars/Olympus" })).toThrow(
      /collect\.timezone/,
    );
  });
});
