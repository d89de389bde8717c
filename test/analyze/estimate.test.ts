import { describe, expect, it } from "vitest";
import { estimateSpend, MAX_METADATA_COMBOS } from "../../src/analyze/estimate.js";
import { chargedHours } from "../../src/analyze/estimate-fixed.js";
import type { EstimateInput } from "../../src/analyze/estimate-types.js";
import type { LogDay, MetricDay } from "../../src/domain/facts.js";
import { buildPriceBook } from "../../src/prices/lookup.js";
import type { PriceRow } from "../../src/prices/types.js";

const P = (
  model: string,
  route: "global" | "regional",
  tokenType: PriceRow["tokenType"],
  usd: number,
  from = "2026-01-01",
): PriceRow => ({
  model,
  region: "us-east-1",
  route,
  pricingModel: "on_demand",
  tokenType,
  cacheTtl: tokenType === "cache_write" ? "5m" : null,
  usdPerMillion: usd,
  effectiveFrom: from,
  source: "t",
});
const prices = buildPriceBook([
  P("Nova Pro", "regional", "input", 0.8),
  P("Nova Pro", "regional", "output", 3.2),
  P("Nova Pro", "regional", "input", 1.0, "2026-11-20"),
  P("Claude Sonnet 4.6", "global", "input", 3),
  P("Claude Sonnet 4.6", "global", "output", 15),
  P("Claude Sonnet 4.6", "global", "cache_read", 0.3),
  P("Claude Sonnet 4.6", "global", "cache_write", 3.75),
  P("Claude Sonnet 4.6", "regional", "input", 3.3),
  P("Claude Sonnet 4.6", "regional", "output", 16.5),
]);
const A = "111111111111";
const PT = `arn:aws:bedrock:us-east-1:${A}:provisioned-model/abc123`;
const metric = (p: Partial<MetricDay>): MetricDay => ({
  day: "2026-11-19",
  account: A,
  region: "us-east-1",
  modelId: "amazon.nova-pro-v1:0",
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  ...p,
});
const log = (p: Partial<LogDay>): LogDay => ({ ...metric({}), principal: null, requestMetadata: {}, ...p });
const input = (p: Partial<EstimateInput>): EstimateInput => ({
  from: "2026-11-19",
  to: "2026-11-21",
  now: new Date("2026-11-21T06:00:00Z"),
  metrics: [],
  logs: [],
  provisioned: [],
  prices,
  modelIds: {
    provisioned: new Map([[PT, "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"]]),
  },
  accountNames: new Map([[A, "prod"]]),
  principalTags: new Map([["arn:p1", { "iamPrincipal/team": "chat" }]]),
  ...p,
});
const sum = (rows: { cost_usd: number | null }[]) => rows.reduce((s, r) => s + (r.cost_usd ?? 0), 0);

describe("estimateSpend", () => {
  it("prices metrics tokens per token type, route and the price in effect that day", () => {
    const out = estimateSpend(
      input({
        metrics: [
          metric({ input: 1e6, output: 1e6 }),
          metric({ day: "2026-11-20", input: 1e6 }),
          metric({
            modelId: "global.anthropic.claude-sonnet-4-6",
            input: 2e6,
            cacheRead: 1e6,
            cacheWrite: 1e6,
          }),
          metric({ modelId: "us.anthropic.claude-sonnet-4-6", output: 1e6 }),
        ],
      }),
    );
    const by = (day: string, model: string, route: string, t: string) =>
      out.rows.find((r) => r.day === day && r.model === model && r.route === route && r.token_type === t);
    expect(by("2026-11-19", "Nova Pro", "regional", "input")?.cost_usd).toBeCloseTo(0.8, 12);
    expect(by("2026-11-19", "Nova Pro", "regional", "output")?.cost_usd).toBeCloseTo(3.2, 12);
    expect(by("2026-11-20", "Nova Pro", "regional", "input")?.cost_usd).toBeCloseTo(1.0, 12);
    expect(by("2026-11-19", "Claude Sonnet 4.6", "global", "input")?.cost_usd).toBeCloseTo(6, 12);
    expect(by("2026-11-19", "Claude Sonnet 4.6", "global", "cache_write")?.cost_usd).toBeCloseTo(3.75, 12);
    expect(by("2026-11-19", "Claude Sonnet 4.6", "regional", "output")?.cost_usd).toBeCloseTo(16.5, 12);
    expect(out.rows.every((r) => r.source === "metrics" && r.account_name === "prod")).toBe(true);
    expect(out.coverage).toMatchObject({
      totalTokens: 8e6,
      attributedTokens: 0,
      attributedPct: 0,
      unpricedTokens: 0,
    });
  });

  it("an unknown price is NULL, never $0, and counted as unpriced", () => {
    const out = estimateSpend(
      input({
        metrics: [
          metric({ modelId: "amazon.nova-lite-v1:0", input: 5e5 }),
          metric({ modelId: "amazon.nova-pro-v1:0+flex", input: 1e3 }),
        ],
      }),
    );
    expect(out.rows.map((r) => [r.model, r.pricing_model, r.cost_usd])).toEqual([
      ["Nova Lite", "on_demand", null],
      ["Nova Pro", "flex", null],
    ]);
    expect(out.coverage.unpricedTokens).toBe(501_000);
    expect(out.coverage.estimatedUsd).toBe(0);
  });

  it("logs split the metrics total by principal without double counting", () => {
    const out = estimateSpend(
      input({
        metrics: [metric({ input: 1e6 })],
        logs: [
          log({ principal: "arn:p1", input: 3e5, requestMetadata: { app: "x" } }),
          log({ principal: "arn:p2", input: 2e5 }),
        ],
      }),
    );
    expect(out.rows.map((r) => [r.source, r.principal, r.tokens, r.tags])).toEqual([
      ["logs", "arn:p1", 3e5, JSON.stringify({ "iamPrincipal/team": "chat", "requestMetadata/app": "x" })],
      ["logs", "arn:p2", 2e5, "{}"],
      ["metrics", null, 5e5, "{}"],
    ]);
    expect(sum(out.rows)).toBeCloseTo(0.8, 12);
    expect(out.coverage.attributedPct).toBeCloseTo(50, 12);
  });

  it("when logs saw more than metrics (metrics missing), the logs are the total", () => {
    const out = estimateSpend(
      input({ metrics: [metric({ input: 1e5 })], logs: [log({ principal: "arn:p1", input: 4e5 })] }),
    );
    expect(out.rows.map((r) => [r.source, r.tokens])).toEqual([["logs", 4e5]]);
    expect(out.coverage.totalTokens).toBe(4e5);
  });

  it("caps requestMetadata combinations per principal (per-request ids would explode rows)", () => {
    const logs = Array.from({ length: MAX_METADATA_COMBOS + 5 }, (_, i) =>
      log({ principal: "arn:p1", input: 1000 + i, requestMetadata: { trace: `t${i}` } }),
    );
    const out = estimateSpend(input({ logs }));
    const rows = out.rows.filter((r) => r.source === "logs");
    expect(rows).toHaveLength(MAX_METADATA_COMBOS + 1);
    expect(rows.reduce((s, r) => s + r.tokens, 0)).toBe(logs.reduce((s, l) => s + l.input, 0));
    expect(rows.filter((r) => r.tags === JSON.stringify({ "iamPrincipal/team": "chat" }))).toHaveLength(1);
  });

  it("provisioned traffic is not priced per token; the PT's hours are fixed charges", () => {
    const out = estimateSpend(
      input({
        metrics: [metric({ modelId: PT, input: 9e6 })],
        provisioned: [
          {
            arn: PT,
            account: A,
            region: "us-east-1",
            model: "Nova Pro",
            modelId: "amazon.nova-pro-v1:0",
            modelUnits: 2,
            createdAt: "2026-11-19T12:00:00Z",
            usdPerUnitHour: 20,
          },
          {
            arn: `${PT}x`,
            account: A,
            region: "us-east-1",
            model: "Nova Pro",
            modelId: null,
            modelUnits: 1,
            createdAt: null,
            usdPerUnitHour: null,
          },
        ],
      }),
    );
    expect(
      out.rows.every(
        (r) => r.source === "fixed" && r.token_type === "none" && r.pricing_model === "provisioned",
      ),
    ).toBe(true);
    const known = out.rows.filter((r) => r.resource_id === PT).map((r) => [r.day, r.cost_usd]);
    expect(known).toEqual([
      ["2026-11-19", 12 * 2 * 20],
      ["2026-11-20", 24 * 2 * 20],
      ["2026-11-21", 6 * 2 * 20],
    ]);
    expect(out.rows.filter((r) => r.resource_id === `${PT}x`).every((r) => r.cost_usd === null)).toBe(true);
  });

  it("ignores rows outside the window and handles empty input", () => {
    expect(estimateSpend(input({ metrics: [metric({ day: "2026-11-18", input: 1e6 })] })).rows).toEqual([]);
    expect(estimateSpend(input({})).coverage).toEqual({
      totalTokens: 0,
      attributedTokens: 0,
      attributedPct: null,
      unpricedTokens: 0,
      estimatedUsd: 0,
    });
  });

  it.each([
    ["whole day", "2026-11-19", null, "2026-11-22T00:00:00Z", 24],
    ["created mid-day", "2026-11-19", "2026-11-19T18:30:00Z", "2026-11-22T00:00:00Z", 5.5],
    ["created later", "2026-11-19", "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z", 0],
    ["today so far", "2026-11-21", null, "2026-11-21T06:00:00Z", 6],
    ["future day", "2026-11-22", null, "2026-11-21T06:00:00Z", 0],
  ])("chargedHours: %s", (_n, day, created, now, hours) => {
    expect(chargedHours(day, created, new Date(now))).toBeCloseTo(hours, 12);
  });
});
