import { describe, expect, it } from "vitest";
import { planPriceRefresh } from "../../src/prices/refresh-plan.js";
import type { PriceRow } from "../../src/prices/types.js";

const row = (p: Partial<PriceRow>): PriceRow => ({
  model: "Nova Pro",
  region: "us-east-1",
  route: "regional",
  pricingModel: "on_demand",
  tokenType: "input",
  cacheTtl: null,
  usdPerMillion: 0.8,
  effectiveFrom: "2024-01-01",
  source: "bundled",
  ...p,
});
const TODAY = "2026-11-26";

describe("planPriceRefresh never rewrites the past", () => {
  it.each([
    ["same price → nothing", [row({})], [row({ effectiveFrom: "2025-03-01", source: "pl" })], []],
    [
      "changed price dated in the past → takes effect today",
      [row({})],
      [row({ usdPerMillion: 0.7, effectiveFrom: "2025-03-01", source: "pl" })],
      [{ usdPerMillion: 0.7, effectiveFrom: TODAY }],
    ],
    [
      "changed price dated in the future → keeps its date",
      [row({})],
      [row({ usdPerMillion: 0.7, effectiveFrom: "2026-12-01", source: "pl" })],
      [{ usdPerMillion: 0.7, effectiveFrom: "2026-12-01" }],
    ],
    [
      "new key → AWS's own date (nothing to rewrite)",
      [row({})],
      [row({ model: "Nova Premier", usdPerMillion: 2.5, effectiveFrom: "2025-03-01" })],
      [{ usdPerMillion: 2.5, effectiveFrom: "2025-03-01" }],
    ],
    ["empty fetch → nothing", [row({})], [], []],
    [
      "same as the newest stored price → nothing",
      [row({}), row({ usdPerMillion: 0.9, effectiveFrom: "2026-10-01" })],
      [row({ usdPerMillion: 0.9, effectiveFrom: "2026-10-01" })],
      [],
    ],
  ])("%s", (_name, existing, fetched, expected) => {
    const plan = planPriceRefresh(existing, fetched, TODAY);
    expect(
      plan.inserts.map((r) => ({ usdPerMillion: r.usdPerMillion, effectiveFrom: r.effectiveFrom })),
    ).toEqual(expected);
  });

  it("keeps the newest of duplicate keys and reports same-day conflicts", () => {
    const plan = planPriceRefresh(
      [],
      [
        row({ usdPerMillion: 0.8, effectiveFrom: "2025-01-01" }),
        row({ usdPerMillion: 0.9, effectiveFrom: "2025-06-01" }),
        row({ tokenType: "output", usdPerMillion: 3.2 }),
        row({ tokenType: "output", usdPerMillion: 3.3 }),
      ],
      TODAY,
    );
    expect(plan.inserts.find((r) => r.tokenType === "input")?.usdPerMillion).toBe(0.9);
    expect(plan.conflicts).toEqual(["Nova Pro/us-east-1/regional/on_demand/output"]);
  });
});
