import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/analyze/reconcile.js";
import type { CostLine } from "../../src/domain/facts.js";

const L = (p: Partial<CostLine>): CostLine => ({
  day: "2026-11-10",
  model: "Nova Pro",
  account: "111111111111",
  region: "us-east-1",
  pricingModel: "on_demand",
  tokenType: "input",
  costUsd: 100,
  tokens: 1e8,
  ...p,
});

describe("reconcile", () => {
  it.each<[string, CostLine[], CostLine[], { drift: number | null; flagged: boolean; cause: string | null }]>(
    [
      ["exact", [L({})], [L({})], { drift: 0, flagged: false, cause: null }],
      ["within 5 %", [L({})], [L({ costUsd: 104.9 })], { drift: 4.9, flagged: false, cause: null }],
      [
        "missing price",
        [L({})],
        [L({ costUsd: null })],
        { drift: -100, flagged: true, cause: "missing_price" },
      ],
      [
        "provisioned hours not estimated",
        [L({}), L({ pricingModel: "provisioned", tokenType: "none", tokens: 0, costUsd: 500 })],
        [L({})],
        { drift: (-500 / 600) * 100, flagged: true, cause: "provisioned_usage" },
      ],
      [
        "region not collected",
        [L({}), L({ region: "eu-central-1", costUsd: 50 })],
        [L({})],
        { drift: (-50 / 150) * 100, flagged: true, cause: "region_not_collected" },
      ],
      [
        "cache tokens missing from metrics",
        [L({}), L({ tokenType: "cache_read", costUsd: 20 })],
        [L({})],
        { drift: (-20 / 120) * 100, flagged: true, cause: "cache_tokens_missing" },
      ],
      [
        "batch not in metrics",
        [L({}), L({ pricingModel: "batch", costUsd: 30 })],
        [L({})],
        { drift: (-30 / 130) * 100, flagged: true, cause: "batch_not_in_metrics" },
      ],
      ["unexplained", [L({})], [L({ costUsd: 120 })], { drift: 20, flagged: true, cause: "unexplained" }],
      [
        "billed 0, estimated > 0",
        [L({ costUsd: 0 })],
        [L({ costUsd: 5 })],
        { drift: null, flagged: true, cause: "unexplained" },
      ],
      [
        "tiny amounts are not flagged",
        [L({ costUsd: 0.001 })],
        [L({ costUsd: 0.002 })],
        { drift: 100, flagged: false, cause: null },
      ],
    ],
  )("%s", (_name, billed, estimated, want) => {
    const [row] = reconcile(billed, estimated);
    if (want.drift === null) expect(row.driftPct).toBeNull();
    else expect(row.driftPct).toBeCloseTo(want.drift, 9);
    expect(row.flagged).toBe(want.flagged);
    expect(row.likelyCause).toBe(want.cause);
  });

  it("only days with both sides; a model missing on one side still shows", () => {
    const rows = reconcile(
      [L({}), L({ model: "Nova Lite", costUsd: 10 }), L({ day: "2026-11-11" })],
      [L({}), L({ day: "2026-11-12" })],
    );
    expect(rows.map((r) => [r.day, r.model, r.billedUsd, r.estimatedUsd])).toEqual([
      ["2026-11-10", "Nova Pro", 100, 100],
      ["2026-11-10", "Nova Lite", 10, null],
    ]);
    expect(rows[1]).toMatchObject({ driftPct: -100, flagged: true, likelyCause: "region_not_collected" });
  });

  it("empty in, empty out", () => {
    expect(reconcile([], [])).toEqual([]);
    expect(reconcile([L({})], [])).toEqual([]);
  });
});
