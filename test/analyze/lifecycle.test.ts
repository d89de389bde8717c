import { describe, expect, it } from "vitest";
import { findRetiringModels, retirementCandidates } from "../../src/analyze/lifecycle.js";
import type { ModelLifecycleFacts, ModelSpend } from "../../src/domain/facts.js";

const now = new Date("2026-11-26T12:00:00Z");
const F = (p: Partial<ModelLifecycleFacts>): ModelLifecycleFacts => ({
  model: "M",
  modelId: "m-v1",
  status: "ACTIVE",
  legacyTime: null,
  publicExtendedAccessTime: null,
  endOfLifeTime: null,
  ...p,
});
const S = (model: string, spendUsd = 10): ModelSpend => ({
  model,
  spendUsd,
  accounts: ["2", "1"],
  principals: ["arn:b", "arn:a"],
});

describe("findRetiringModels", () => {
  const facts = [
    F({
      model: "Soon",
      status: "LEGACY",
      legacyTime: "2026-08-01T00:00:00Z",
      endOfLifeTime: "2026-12-05T00:00:00Z",
    }),
    F({
      model: "Later",
      publicExtendedAccessTime: "2027-03-01T00:00:00Z",
      endOfLifeTime: "2027-06-01T00:00:00Z",
    }),
    F({ model: "Overdue", status: "LEGACY", endOfLifeTime: "2026-11-01T00:00:00Z" }),
    F({ model: "Undated", status: "LEGACY" }),
    F({ model: "Active" }),
    F({ model: "Unused", status: "LEGACY", endOfLifeTime: "2026-12-01T00:00:00Z" }),
  ];
  const spend = ["Soon", "Later", "Overdue", "Undated", "Active"].map((m) => S(m));

  it("lists only paid-for models with lifecycle facts, overdue first, then soonest", () => {
    const out = findRetiringModels(facts, [...spend, S("Unused", 0)], { now });
    expect(out.map((m) => [m.model, m.nextEvent, m.daysUntilNext])).toEqual([
      ["Overdue", null, null],
      ["Soon", "end_of_life", 9],
      ["Later", "extended_access", 95],
      ["Undated", null, null],
    ]);
    expect(out[1].accounts).toEqual(["1", "2"]);
    expect(out[1].principals).toEqual(["arn:a", "arn:b"]);
  });

  it("withinDays drops models whose next date is further away", () => {
    expect(findRetiringModels(facts, spend, { now, withinDays: 30 }).map((m) => m.model)).toEqual([
      "Overdue",
      "Soon",
      "Undated",
    ]);
  });

  it("merges regions: earliest date and LEGACY if any region says so", () => {
    const out = findRetiringModels(
      [
        F({ model: "X", endOfLifeTime: "2027-05-01T00:00:00Z" }),
        F({ model: "X", status: "LEGACY", endOfLifeTime: "2027-01-15T00:00:00Z" }),
      ],
      [S("X")],
      { now },
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      status: "LEGACY",
      endOfLifeTime: "2027-01-15T00:00:00Z",
      nextDate: "2027-01-15T00:00:00Z",
    });
  });

  it("empty in, empty out", () => {
    expect(findRetiringModels([], [], { now })).toEqual([]);
  });
});

describe("retirementCandidates: the models whose accounts and principals are worth reading", () => {
  it("lists models LEGACY in some region or with any lifecycle date, once each, and no active undated one", () => {
    const facts = [
      F({ model: "Active" }),
      F({ model: "Legacy", status: "LEGACY" }),
      F({ model: "Dated", endOfLifeTime: "2027-01-15T00:00:00Z" }),
      F({ model: "Extended", publicExtendedAccessTime: "2026-12-01T00:00:00Z" }),
      F({ model: "Dated", legacyTime: "2026-08-01T00:00:00Z" }),
      F({ model: "Split" }),
      F({ model: "Split", status: "LEGACY" }),
    ];
    expect(retirementCandidates(facts)).toEqual(["Dated", "Extended", "Legacy", "Split"]);
    expect(retirementCandidates([F({ model: "Active" })])).toEqual([]);
  });
});
