import { describe, expect, it } from "vitest";
import type { IdleItem } from "../../../src/analyze/idle-throughput.js";
import { findSavings, savingsCandidates } from "../../../src/analyze/savings/index.js";
import { idleThroughput, provisionedVsOnDemand } from "../../../src/analyze/savings/provisioned.js";
import { type PtServedFacts, SAVINGS_KINDS } from "../../../src/domain/savings.js";
import { cell, cents, ctx, NOVA_PRO, SONNET } from "./fixture.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const ARN = "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abc";

function pt(over: Partial<PtServedFacts> = {}): PtServedFacts {
  return {
    arn: ARN,
    name: "nova-pt",
    accountId: "111111111111",
    region: "us-east-1",
    model: "Nova Pro",
    modelUnits: 1,
    commitment: null,
    commitmentExpiresAt: null,
    createdAt: null,
    // 30 days × 24 h × $21.18
    costUsd: 15_249.6,
    billedHours: 720,
    usdPerUnitHour: 21.18,
    activeHours: 36,
    invocations: 900,
    inputTokens: 1e6,
    outputTokens: 0.2e6,
    ...over,
  };
}

describe("provisioned_vs_on_demand: billed PT cost − CloudWatch tokens × on-demand price", () => {
  it.each([
    // 15,249.60 − (1M × 0.80 + 0.2M × 3.20) = 15,249.60 − 1.44
    { name: "no commitment: act now", p: pt(), window: 15_248.16, from: null },
    {
      name: "commitment ends later: from its end",
      p: pt({ commitment: "SixMonths", commitmentExpiresAt: "2027-02-10T08:00:00Z" }),
      window: 15_248.16,
      from: "2027-02-10",
    },
    {
      name: "commitment already over",
      p: pt({ commitment: "OneMonth", commitmentExpiresAt: "2026-11-01T00:00:00Z" }),
      window: 15_248.16,
      from: null,
    },
    // 20B input tokens on-demand = $16,000 + 2B output = $6,400: more than the PT
    { name: "busy PT: on-demand costs more", p: pt({ inputTokens: 20e9, outputTokens: 2e9 }), window: null },
    { name: "not billed yet: unknown, no guess", p: pt({ costUsd: null }), window: null },
  ])("$name", ({ p, window, from }) => {
    const out = provisionedVsOnDemand(ctx(NOVA_PRO), [p], NOW);
    if (window === null) return expect(out).toEqual([]);
    expect(out).toHaveLength(1);
    expect(cents(out[0].windowSavingsUsd)).toBe(window);
    expect(out[0]).toMatchObject({ confidence: "certain", actionableFrom: from, scope: { resourceId: ARN } });
    if (from) expect(out[0].action[0]).toContain(from);
  });
});

const idle: IdleItem = {
  provisionedModelArn: ARN,
  name: "nova-pt",
  accountId: "111111111111",
  region: "us-east-1",
  model: "Nova Pro",
  modelUnits: 1,
  commitment: null,
  commitmentExpiresAt: null,
  utilizationPct: 5,
  invocations: 900,
  lookbackHours: 720,
  idleHours: 684,
  hourlyUsd: 21.18,
  idleCostUsd: 684 * 21.18,
  recommendation: "Delete it",
};

describe("idle provisioned throughput", () => {
  it("is the idle hours × the billed hourly rate, and never a guess when the rate is unknown", () => {
    const [opp] = idleThroughput(ctx(NOVA_PRO), [idle], NOW);
    expect(cents(opp.windowSavingsUsd)).toBe(14_487.12);
    expect(idleThroughput(ctx(NOVA_PRO), [{ ...idle, hourlyUsd: null, idleCostUsd: null }], NOW)).toEqual([]);
  });
});

describe("the total and its overlaps", () => {
  const opts = (over = {}) => ({
    ...ctx([...SONNET, ...NOVA_PRO]),
    kinds: SAVINGS_KINDS,
    minMonthlyUsd: 0,
    now: NOW,
    ...over,
  });
  const cells = [
    cell({ tokenType: "input", tokens: 100e6, costUsd: 330 }),
    // input/output under 5: not a prompt-caching candidate
    cell({ tokenType: "output", tokens: 25e6, costUsd: 412.5 }),
    cell({ model: "Nova Pro", tokenType: "input", tokens: 100e6, costUsd: 80 }),
  ];
  const facts = { cells, pts: [pt()], idle: [idle] };

  it("counts the larger of overlapping opportunities once", () => {
    const out = findSavings(facts, opts());
    const by = Object.fromEntries(out.opportunities.map((o) => [o.id.split(":").slice(0, 3).join(":"), o]));
    // global 100M × 0.30 + 25M × 1.50 = 67.5; batch 0.2 × (100M × 1.65 + 25M × 8.25) = 74.25
    expect(cents(by["global_routing:111111111111:us-east-1"].windowSavingsUsd)).toBe(67.5);
    expect(cents(by["batch:111111111111:Claude Sonnet 4.6"].windowSavingsUsd)).toBe(74.25);
    expect(by["global_routing:111111111111:us-east-1"].overlapsWith).toEqual([
      by["batch:111111111111:Claude Sonnet 4.6"].id,
    ]);
    // Nova Pro's batch (0.2 × 100M × 0.40 = 8) touches other cells: counted beside them
    expect(by["flex:111111111111:Nova Pro"]).toBeUndefined();
    const nova = out.opportunities.find((o) => o.id === "batch:111111111111:Nova Pro");
    expect(nova && cents(nova.windowSavingsUsd)).toBe(8);
    expect(nova?.countedInTotal).toBe(true);
    expect(by["batch:111111111111:Claude Sonnet 4.6"].countedInTotal).toBe(true);
    expect(by["global_routing:111111111111:us-east-1"].countedInTotal).toBe(false);
    // PT: on-demand comparison 15,248.16 beats idle 14,487.12 (same throughput)
    expect(by["provisioned_vs_on_demand:arn:aws"].countedInTotal).toBe(true);
    expect(by["idle_provisioned_throughput:arn:aws"].countedInTotal).toBe(false);
    expect(cents(out.totalMonthlyUsd)).toBe(cents(74.25 + 8 + 15_248.16));
    expect(out.opportunities.map((o) => o.kind)).toEqual([
      "provisioned_vs_on_demand",
      "idle_provisioned_throughput",
      "batch",
      "global_routing",
      "batch",
    ]);
  });

  it("scales the window to 30 days", () => {
    const out = findSavings(facts, opts({ days: 15, kinds: ["global_routing"] }));
    expect(cents(out.opportunities[0].monthlySavingsUsd)).toBe(135);
    expect(cents(out.totalMonthlyUsd)).toBe(135);
  });

  it("minMonthlyUsd and kinds filter, and the total follows what is shown", () => {
    const out = findSavings(facts, opts({ minMonthlyUsd: 70 }));
    expect(out.opportunities.map((o) => o.id)).toEqual([
      "provisioned_vs_on_demand:" + ARN,
      "idle_provisioned_throughput:" + ARN,
      "batch:111111111111:Claude Sonnet 4.6",
    ]);
    expect(out.opportunities[2].countedInTotal).toBe(true);
    const two = findSavings(facts, opts({ kinds: ["global_routing", "idle_provisioned_throughput"] }));
    expect(two.opportunities.map((o) => o.kind)).toEqual(["idle_provisioned_throughput", "global_routing"]);
    expect(two.opportunities.every((o) => o.countedInTotal && o.overlapsWith.length === 0)).toBe(true);
    expect(cents(two.totalMonthlyUsd)).toBe(cents(14_487.12 + 67.5));
  });

  it("every kind asked for is computed, none other", () => {
    const kinds = savingsCandidates(facts, opts({ kinds: ["flex"] })).map((c) => c.id);
    // flex has a price for Nova Pro only: 0.2 × 100M × (0.80 − 0.50)
    expect(kinds).toEqual(["flex:111111111111:Nova Pro"]);
  });
});
