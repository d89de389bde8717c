import { describe, expect, it } from "vitest";
import {
  planSpendSources,
  type SpendSourceMode,
  type SpendSourcePlan,
} from "../../src/domain/spend-sources.js";

const R = { from: "2026-11-01", to: "2026-11-26" };

describe("planSpendSources", () => {
  it.each<[string, SpendSourceMode, string | null, SpendSourcePlan]>([
    [
      "billed mode ignores billedThrough",
      "billed",
      "2026-11-10",
      { billed: R, source: "billed", estimatedFrom: null },
    ],
    ["billed mode without any CUR", "billed", null, { billed: R, source: "billed", estimatedFrom: null }],
    [
      "estimated mode",
      "estimated",
      "2026-11-24",
      { estimated: R, source: "estimated", estimatedFrom: R.from },
    ],
    [
      "auto without CUR: all estimated",
      "auto",
      null,
      { estimated: R, source: "estimated", estimatedFrom: R.from },
    ],
    ["auto, range fully billed", "auto", "2026-11-30", { billed: R, source: "billed", estimatedFrom: null }],
    [
      "auto, billed through the last day exactly",
      "auto",
      "2026-11-26",
      { billed: R, source: "billed", estimatedFrom: null },
    ],
    [
      "auto, range after the CUR",
      "auto",
      "2026-10-31",
      { estimated: R, source: "estimated", estimatedFrom: R.from },
    ],
    [
      "auto, split at billedThrough",
      "auto",
      "2026-11-24",
      {
        billed: { from: "2026-11-01", to: "2026-11-24" },
        estimated: { from: "2026-11-25", to: "2026-11-26" },
        source: "mixed",
        estimatedFrom: "2026-11-25",
      },
    ],
    [
      "auto, billed through the first day only",
      "auto",
      "2026-11-01",
      {
        billed: { from: "2026-11-01", to: "2026-11-01" },
        estimated: { from: "2026-11-02", to: "2026-11-26" },
        source: "mixed",
        estimatedFrom: "2026-11-02",
      },
    ],
  ])("%s", (_name, mode, billedThrough, expected) => {
    expect(planSpendSources(mode, R, billedThrough)).toEqual(expected);
  });
});
