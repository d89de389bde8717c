import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCollection } from "../../../src/collect/run.js";
import { parseConfig } from "../../../src/config.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/server.js";
import { DEMO_MODELS, DEMO_PROVISIONED } from "../../../src/synthetic/org.js";
import { SAVINGS_STREAMS } from "../../../src/synthetic/savings-traffic.js";
import { silentLogger } from "../../../src/util/log.js";
import { memoryDb } from "../../helpers/db.js";
import { PROD, sandboxAccess, sandboxAccount } from "../../helpers/sandbox.js";

/** The collect run recomputes estimated spend from what it just collected (sandbox, real SDK). */
describe("estimates after a collection", { timeout: 120_000 }, () => {
  const NOW = new Date("2026-11-26T12:34:00Z");
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ now: NOW, logHours: 2 });
  });
  afterAll(async () => {
    await sb.close();
  });

  it("prices yesterday's CloudWatch tokens with the bundled prices; PT hours without a CUR rate are unknown", async () => {
    const db = await memoryDb();
    const aws = sandboxAccess(sb);
    const config = parseConfig({
      accounts: [{ ...sandboxAccount(PROD), regions: ["us-east-1"] }],
      collect: { backfillDays: 15, concurrency: 2 },
    });
    try {
      const summary = await runCollection(
        { db, config, now: () => NOW, log: silentLogger, aws },
        { sources: ["metrics", "inventory"] },
      );
      expect(summary.status).toBe("ok");
    } finally {
      aws.close();
    }
    const run = await db.selectFrom("estimate_run").selectAll().executeTakeFirstOrThrow();
    expect(run.to_day).toBe("2026-11-26");
    expect(run.estimated_usd).toBeGreaterThan(0);
    // Every demo model is priced: nothing estimated as unknown.
    expect(run.unpriced_tokens).toBe(0);
    const byModel = await db
      .selectFrom("cost_estimate_daily")
      .select(["model", (eb) => eb.fn.sum<number>("tokens").as("tokens")])
      .where("day", "=", "2026-11-25")
      .where("source", "=", "metrics")
      .groupBy("model")
      .execute();
    // The org's models, and the savings traffic's models called in this account and region.
    const streams = SAVINGS_STREAMS.filter((st) => st.account === PROD && st.region === "us-east-1");
    const usEast = [...DEMO_MODELS.map((m) => m.model), ...streams.map((st) => st.model.model)].sort();
    expect(streams.length).toBeGreaterThan(0);
    expect(byModel.map((r) => r.model).sort()).toEqual(usEast);
    // The PT was never billed in this store (no CUR): its hours are estimated as unknown, never $0.
    const pt = await db
      .selectFrom("cost_estimate_daily")
      .selectAll()
      .where("source", "=", "fixed")
      .where("day", "=", "2026-11-25")
      .execute();
    expect(pt.map((r) => [r.resource_id?.endsWith(DEMO_PROVISIONED.id), r.model, r.cost_usd])).toEqual([
      [true, "Nova Pro", null],
    ]);
    await db.destroy();
  });
});
