import { beforeAll, describe, expect, it } from "vitest";
import { getSpendByModel } from "../../src/capabilities/get-spend-by-model.js";
import { capabilities } from "../../src/capabilities/index.js";
import { listIdleThroughput } from "../../src/capabilities/list-idle-throughput.js";
import { listModelLifecycle } from "../../src/capabilities/list-model-lifecycle.js";
import { reconcileSpend } from "../../src/capabilities/reconcile-spend.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import { recomputeEstimates } from "../../src/derive/estimate.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";
import { A, NOW, PT, PT_RATE, seedPricingOrg } from "../helpers/pricing-org.js";

let deps: Deps;
beforeAll(async () => {
  const db = await memoryDb();
  await seedPricingOrg(db);
  await recomputeEstimates(db, { now: NOW });
  deps = {
    db,
    config: parseConfig({ accounts: [{ id: A, name: "prod" }] }),
    now: () => NOW,
    log: silentLogger,
  };
});

const call = async <C extends typeof reconcileSpend | typeof listIdleThroughput | typeof listModelLifecycle>(
  cap: C,
  raw: unknown,
) => {
  const out = await cap.run(deps, cap.inputSchema.parse(raw) as never);
  // The structured output always satisfies the published output schema.
  expect(() => cap.outputSchema.parse(out)).not.toThrow();
  return out as Awaited<ReturnType<C["run"]>>;
};

describe("pricing capabilities on a real SQLite store", () => {
  it("are registered with the docs/architecture.md §6 names, reports and rows keys", () => {
    const byName = new Map(capabilities.map((c) => [c.name, c]));
    expect(byName.get("reconcile_spend")).toMatchObject({ report: "reconcile", rowsKey: "rows" });
    expect(byName.get("list_idle_throughput")).toMatchObject({ report: "idle", rowsKey: "items" });
    expect(byName.get("list_model_lifecycle")).toMatchObject({ report: "lifecycle", rowsKey: "models" });
  });

  it("reconcile_spend: per day and model, flagged drift with its cause, nothing after billedThrough", async () => {
    const out = await call(reconcileSpend, { from: "2026-11-20", to: "2026-11-26" });
    expect(out.billedThrough).toBe("2026-11-24");
    expect(out.rows.map((r) => r.day)).toEqual(["2026-11-23", "2026-11-23", "2026-11-24", "2026-11-24"]);
    const flagged = out.rows.filter((r) => r.flagged);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({
      day: "2026-11-24",
      model: "Nova Pro",
      likelyCause: "region_not_collected",
    });
    expect(flagged[0].driftPct).toBeCloseTo((-100 / (100 + 1.44 + 24 * PT_RATE)) * 100, 9);
    expect(reconcileSpend.summarize(out)).toMatch(/1 of 4 day×model rows flagged/);
    expect(reconcileSpend.table(out).rows[2]).toContain("region_not_collected");
    expect(() => reconcileSpend.inputSchema.parse({ from: "2026-13-01" })).toThrow();
  });

  it("list_idle_throughput: the idle PT with utilization, idle cost and a delete recommendation", async () => {
    const out = await call(listIdleThroughput, {});
    expect(out.items).toHaveLength(1);
    const item = out.items[0];
    // 3 active hours in the last 14 days (336 h).
    expect(item).toMatchObject({
      provisionedModelArn: PT,
      model: "Nova Pro",
      modelUnits: 1,
      commitment: null,
      invocations: 12,
      lookbackHours: 336,
      idleHours: 333,
    });
    expect(item.utilizationPct).toBeCloseTo((3 / 336) * 100, 9);
    expect(item.idleCostUsd).toBeCloseTo(333 * PT_RATE, 6);
    expect(item.recommendation).toMatch(/^Delete it/);
    // Shorter lookback: only the 11-25 hour is active; 0 % threshold lists nothing used at all.
    expect((await call(listIdleThroughput, { lookbackDays: 2, maxUtilizationPct: 0 })).items).toEqual([]);
    expect((await call(listIdleThroughput, { lookbackDays: 2 })).items[0].invocations).toBe(4);
    expect(listIdleThroughput.summarize(out)).toMatch(/1 provisioned throughput/);
  });

  it("list_model_lifecycle: the legacy model still paid for, with spend, accounts and principals", async () => {
    const out = await call(listModelLifecycle, {});
    expect(out.models.map((m) => m.model)).toEqual(["Claude 3.5 Sonnet v2"]);
    const m = out.models[0];
    expect(m).toMatchObject({
      status: "LEGACY",
      nextEvent: "extended_access",
      nextDate: "2026-12-01T00:00:00Z",
      daysUntilNext: 5,
      accounts: [A],
      principals: ["arn:aws:sts::111111111111:assumed-role/Chat/svc"],
    });
    // Billed 11-23 and 11-24 ($3 each), estimated 11-25 and 11-26 ($3 each).
    expect(m.spendLast30dUsd).toBeCloseTo(12, 9);
    expect((await call(listModelLifecycle, { withinDays: 3 })).models).toEqual([]);
  });

  it("estimated days answer get_spend_by_model by principal (from the logs)", async () => {
    const out = await getSpendByModel.run(
      deps,
      getSpendByModel.inputSchema.parse({ from: "2026-11-25", to: "2026-11-25", groupBy: ["principal"] }),
    );
    expect(out.provenance.source).toBe("estimated");
    const principal = out.rows.find((r) => r.principal === "arn:aws:sts::111111111111:assumed-role/Chat/svc");
    expect(principal?.costUsd).toBeCloseTo(0.32, 9);
    expect(out.totalCostUsd).toBeCloseTo(0.8 + 0.64 + 3 + 24 * PT_RATE, 9);
  });
});
