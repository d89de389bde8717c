import { describe, expect, it } from "vitest";
import { globalRouting } from "../../../src/analyze/savings/global-routing.js";
import { promptCaching } from "../../../src/analyze/savings/prompt-caching.js";
import { shiftTier } from "../../../src/analyze/savings/shift-tier.js";
import { unusedCacheWrites } from "../../../src/analyze/savings/unused-cache-writes.js";
import { cell, cents, ctx, NOVA_PRO, OPUS, SONNET } from "./fixture.js";

const P2 = "arn:aws:sts::111111111111:assumed-role/Other/other";

describe("global_routing: Σ regional on-demand tokens × (regional − global)", () => {
  it.each([
    {
      name: "two callers, input and output",
      cells: [
        cell({ tokenType: "input", tokens: 100e6, costUsd: 330 }),
        cell({ tokenType: "input", tokens: 50e6, costUsd: 165, principal: P2 }),
        cell({ tokenType: "output", tokens: 10e6, costUsd: 165 }),
      ],
      // 150M × (3.30 − 3.00) + 10M × (16.50 − 15.00) = 45 + 15
      window: 60,
      basis: 660,
    },
    {
      name: "cache tokens too; global, batch and other-region cells are not counted",
      cells: [
        cell({ tokenType: "cache_write", tokens: 8e6, costUsd: 33 }),
        cell({ tokenType: "cache_read", tokens: 40e6, costUsd: 13.2 }),
        cell({ tokenType: "input", tokens: 99e6, route: "global" }),
        cell({ tokenType: "input", tokens: 99e6, pricingModel: "batch" }),
      ],
      // 8M × (4.125 − 3.75) + 40M × (0.33 − 0.30) = 3 + 1.2
      window: 4.2,
      basis: 46.2,
    },
    {
      name: "a model with no global price",
      cells: [cell({ model: "Nova Pro", tokenType: "input", tokens: 1e9 })],
      window: null,
    },
  ])("$name", ({ cells, window, basis }) => {
    const out = globalRouting(ctx([...SONNET, ...NOVA_PRO]), cells);
    if (window === null) return expect(out).toEqual([]);
    expect(out).toHaveLength(1);
    expect(cents(out[0].windowSavingsUsd)).toBe(window);
    expect(cents(out[0].basisUsd)).toBe(basis);
    expect(out[0]).toMatchObject({ confidence: "likely", scope: { region: "us-east-1", principal: null } });
    expect(out[0].action[0]).toContain("global.anthropic.claude-sonnet-4-6");
  });

  it("one opportunity per account × region × model", () => {
    const cells = [
      cell({ tokenType: "input", tokens: 10e6 }),
      cell({ tokenType: "input", tokens: 10e6, region: "us-west-2" }),
      cell({ tokenType: "input", tokens: 10e6, account: "222222222222" }),
    ];
    const ids = globalRouting(ctx(SONNET), cells).map((c) => c.id);
    // us-west-2 has no price in this table: no opportunity there (never a guessed price).
    expect(ids.sort()).toEqual([
      "global_routing:111111111111:us-east-1:Claude Sonnet 4.6",
      "global_routing:222222222222:us-east-1:Claude Sonnet 4.6",
    ]);
  });
});

describe("unused_cache_writes: write cost + read cost − (writes + reads) × input price", () => {
  it.each([
    // 41.25 + 0.33 − 11M × 3.30 = 5.28
    { name: "writes 10× reads", w: [10e6, 41.25], r: [1e6, 0.33], window: 5.28 },
    // 8.25 + 0.66 − 4M × 3.30 < 0: the cache pays off
    { name: "reads ≫ writes", w: [2e6, 8.25], r: [2e6, 0.66], window: null },
    // 4.125 − 1M × 3.30 = 0.825: written, never read
    { name: "never read", w: [1e6, 4.125], r: null, window: 0.83 },
  ])("$name", ({ w, r, window }) => {
    const cells = [cell({ tokenType: "cache_write", tokens: w[0], costUsd: w[1] })];
    if (r) cells.push(cell({ tokenType: "cache_read", tokens: r[0], costUsd: r[1] }));
    const out = unusedCacheWrites(ctx(SONNET), cells);
    if (window === null) return expect(out).toEqual([]);
    expect(out).toHaveLength(1);
    expect(cents(out[0].windowSavingsUsd)).toBe(window);
    expect(out[0]).toMatchObject({ confidence: "certain", scope: { principal: cells[0].principal } });
  });

  it("prices each route with its own input price", () => {
    const cells = [
      cell({ tokenType: "cache_write", tokens: 10e6, costUsd: 41.25 }),
      // global: 37.5 + 0.3 − 11M × 3.00 = 4.8
      cell({ tokenType: "cache_write", tokens: 10e6, costUsd: 37.5, route: "global" }),
      cell({ tokenType: "cache_read", tokens: 1e6, costUsd: 0.33 }),
      cell({ tokenType: "cache_read", tokens: 1e6, costUsd: 0.3, route: "global" }),
    ];
    const [opp] = unusedCacheWrites(ctx(SONNET), cells);
    expect(cents(opp.windowSavingsUsd)).toBe(5.28 + 4.8);
    expect(opp.evidence.arithmetic).toContain("× $3.30/1M input");
    expect(opp.evidence.arithmetic).toContain("× $3.00/1M input");
  });
});

describe("prompt_caching: h × input × (in − read) − (h × input / 10) × (write5m − in)", () => {
  const opus = (input: number, output: number, extra: Parameters<typeof cell>[0][] = []) => [
    cell({ model: "Claude Opus 4.5", tokenType: "input", tokens: input, costUsd: input * 5.5e-6 }),
    cell({ model: "Claude Opus 4.5", tokenType: "output", tokens: output }),
    ...extra.map((e) => cell({ model: "Claude Opus 4.5", ...e })),
  ];
  it.each([
    // 0.5 × 80M × (5.50 − 0.55) − (0.5 × 80M / 10) × (6.875 − 5.50) = 198 − 5.5
    { name: "80M in, 4M out", cells: opus(80e6, 4e6), h: 0.5, window: 192.5 },
    // 0.3 × 80M × 4.95 − 2.4M × 1.375 = 118.8 − 3.3
    { name: "h = 0.3", cells: opus(80e6, 4e6), h: 0.3, window: 115.5 },
    { name: "under 10M input", cells: opus(9_999_999, 1e6), h: 0.5, window: null },
    { name: "input/output under 5", cells: opus(80e6, 16_000_001), h: 0.5, window: null },
    {
      name: "already reads its cache",
      cells: opus(80e6, 4e6, [{ tokenType: "cache_read", tokens: 1 }]),
      h: 0.5,
      window: null,
    },
    {
      name: "already writes a cache",
      cells: opus(80e6, 4e6, [{ tokenType: "cache_write", tokens: 1 }]),
      h: 0.5,
      window: null,
    },
  ])("$name", ({ cells, h, window }) => {
    const out = promptCaching(ctx(OPUS, { assumedCacheHitShare: h }), cells);
    if (window === null) return expect(out).toEqual([]);
    expect(out).toHaveLength(1);
    expect(cents(out[0].windowSavingsUsd)).toBe(window);
    expect(cents(out[0].basisUsd)).toBe(440);
    expect(out[0].confidence).toBe("possible");
  });

  it("a model without cache prices has no opportunity", () => {
    const cells = [cell({ model: "Nova Pro", tokenType: "input", tokens: 1e9 })];
    expect(promptCaching(ctx(NOVA_PRO), cells)).toEqual([]);
  });
});

describe("batch and flex: s × Σ tokens × (on-demand − tier)", () => {
  const nova = [
    cell({ model: "Nova Pro", tokenType: "input", tokens: 100e6, costUsd: 80 }),
    cell({ model: "Nova Pro", tokenType: "output", tokens: 20e6, costUsd: 64 }),
    cell({ model: "Nova Pro", tokenType: "input", tokens: 5e6, pricingModel: "batch" }),
  ];
  it("both apply: one opportunity with the larger figure, the other named", () => {
    // batch 0.2 × (100M × 0.40 + 20M × 1.60) = 14.40; flex 0.2 × (100M × 0.30 + 20M × 1.20) = 10.80
    const out = shiftTier(ctx(NOVA_PRO), nova, ["batch", "flex"]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: "batch",
      id: "batch:111111111111:Nova Pro",
      confidence: "possible",
    });
    expect(cents(out[0].windowSavingsUsd)).toBe(14.4);
    expect(cents(out[0].basisUsd)).toBe(28.8);
    expect(out[0].assumptions.join(" ")).toContain("flex would save $10.80");
  });
  it.each([
    { kinds: ["flex"] as const, kind: "flex", window: 10.8 },
    { kinds: ["batch"] as const, kind: "batch", window: 14.4 },
  ])("only $kinds", ({ kinds, kind, window }) => {
    const [opp] = shiftTier(ctx(NOVA_PRO), nova, kinds);
    expect(opp.kind).toBe(kind);
    expect(cents(opp.windowSavingsUsd)).toBe(window);
  });
  it("s = 0.5 on a model with batch only; cache tokens have no batch price", () => {
    const cells = [
      cell({ tokenType: "input", tokens: 10e6 }),
      cell({ tokenType: "output", tokens: 1e6 }),
      cell({ tokenType: "cache_read", tokens: 50e6 }),
    ];
    // 0.5 × (10M × (3.30 − 1.65) + 1M × (16.50 − 8.25)) = 0.5 × (16.5 + 8.25)
    const [opp] = shiftTier(ctx(SONNET, { assumedShiftableShare: 0.5 }), cells, ["batch", "flex"]);
    expect(opp.kind).toBe("batch");
    expect(cents(opp.windowSavingsUsd)).toBe(12.38);
  });
});
