import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry, type ToolInput, type ToolOutput } from "../../src/capabilities/index.js";
import { DEMO_PROVISIONED } from "../../src/synthetic/org.js";
import { SAVINGS_PROVISIONED } from "../../src/synthetic/savings-traffic.js";
import { buildDemoStore, type DemoStore } from "../helpers/demo-store.js";

/**
 * Acceptance on the demo store: every kind appears, and each figure equals a hand computation
 * from the generated rows (or the savings traffic's fixed daily volumes) and the bundled price
 * table, to the cent. Window: the 30 billed days 2026-10-27 … 2026-11-25.
 */

const cap = registry.get_savings_opportunities;
const cents = (v: number) => Math.round(v * 100) / 100;
const FROM = "2026-10-27";
const TO = "2026-11-25";
const PROD = "111111111111";
const RESEARCH = "333333333333";
const SUMMARIZER = "arn:aws:sts::111111111111:assumed-role/DocSummarizer/summarizer";
const RAG = "arn:aws:sts::333333333333:assumed-role/RagPipeline/rag-worker";
const IDLE_ARN = `arn:aws:bedrock:us-east-1:${PROD}:provisioned-model/${DEMO_PROVISIONED.id}`;
const COMMITTED_ARN = `arn:aws:bedrock:us-east-1:${RESEARCH}:provisioned-model/${SAVINGS_PROVISIONED.id}`;

let store: DemoStore;
let all: ToolOutput<"get_savings_opportunities">;
const ask = async (input: ToolInput<"get_savings_opportunities">) =>
  cap.run(store.deps, cap.inputSchema.parse(input));
const byId = (id: string) => {
  const o = all.opportunities.find((x) => x.id === id);
  if (!o) throw new Error(`no opportunity ${id}; have ${all.opportunities.map((x) => x.id).join(", ")}`);
  return o;
};

/** Σ tokens of billed rows, read straight from the generated rows in the store. */
async function tokens(where: {
  account: string;
  model: string;
  region?: string;
  route?: string;
  tier: string;
  type: string;
}) {
  const r = await sql<{ t: number }>`select total(tokens) as t from cost_daily
    where day between ${FROM} and ${TO} and account = ${where.account} and model = ${where.model}
      and pricing_model = ${where.tier} and token_type = ${where.type}
      and (${where.region ?? null} is null or region = ${where.region ?? null})
      and (${where.route ?? null} is null or route = ${where.route ?? null})`.execute(store.db);
  return r.rows[0].t;
}

async function ptServed(arn: string) {
  const r = await sql<{ i: number; o: number; active: number }>`select total(input_tokens) as i,
    total(output_tokens) as o, count(case when invocations >= 1 then 1 end) as active from metric_hourly
    where model_id = ${arn} and hour >= ${FROM} and hour < '2026-11-26T00'`.execute(store.db);
  return r.rows[0];
}

beforeAll(async () => {
  store = await buildDemoStore();
  all = await ask({ minMonthlyUsd: 0 });
}, 240_000);
afterAll(async () => store?.close());

describe("get_savings_opportunities on the demo store", () => {
  it("covers the last 30 billed days and finds every kind", () => {
    expect(all.window).toEqual({ from: FROM, to: TO, days: 30 });
    expect(all.provenance).toMatchObject({ source: "billed", billedThrough: TO, estimatedFrom: null });
    expect(new Set(all.opportunities.map((o) => o.kind))).toEqual(
      new Set(cap.inputSchema.shape.kinds.unwrap().element.options),
    );
    expect(all.notes).toEqual([]);
  });

  it.each([
    // 30 × (10M × $3.75 + 1M × $0.30 − 11M × $3.00 global input) / 1M
    [`unused_cache_writes:${PROD}:Claude Sonnet 4.5:${SUMMARIZER}`, 144, "certain"],
    // 30 × (0.5 × 8M × ($5.50 − $0.55) − 0.4M × ($6.875 − $5.50)) / 1M
    [`prompt_caching:${RESEARCH}:Claude Opus 4.5:${RAG}`, 577.5, "possible"],
    // 30 × (8M × ($5.50 − $5.00) + 0.4M × ($27.50 − $25.00)) / 1M
    [`global_routing:${RESEARCH}:us-east-1:Claude Opus 4.5`, 150, "likely"],
    // 30 × 0.2 × (8M × ($5.50 − $2.75) + 0.4M × ($27.50 − $13.75)) / 1M
    [`batch:${RESEARCH}:Claude Opus 4.5`, 165, "possible"],
    // 30 × 0.2 × (4M × ($3.00 − $1.50) + 0.5M × ($15.00 − $7.50)) / 1M (global batch prices)
    [`batch:${PROD}:Claude Sonnet 4.5`, 58.5, "possible"],
    // 720 h × ($23.00 − (20M + 4M) × $0.72 / 1M)
    [`provisioned_vs_on_demand:${COMMITTED_ARN}`, 4118.4, "certain"],
  ])("%s = $%s a month (%s), from the savings traffic's daily volumes", (id, usd, confidence) => {
    const o = byId(id);
    expect(cents(o.monthlySavingsUsd)).toBe(usd);
    expect(cents(o.windowSavingsUsd)).toBe(usd);
    expect(o.confidence).toBe(confidence);
    expect(o.evidence.arithmetic).toContain(
      `= $${usd.toLocaleString("en-US", { minimumFractionDigits: 2 })} in 30 days`,
    );
  });

  it("the committed throughput saves from its commitment's end", () => {
    const o = byId(`provisioned_vs_on_demand:${COMMITTED_ARN}`);
    // created 127 days before 2026-11-26, a 182-day commitment
    expect(o.actionableFrom).toBe("2027-01-20");
    expect(o.action[0]).toContain("2027-01-20");
    expect(o.scope).toMatchObject({
      account: RESEARCH,
      accountName: "research",
      model: "Llama 3.3 70B",
      resourceId: COMMITTED_ARN,
    });
  });

  it("global routing of the org's Sonnet 4.6 traffic in prod us-east-1 = Σ generated tokens × (regional − global)", async () => {
    const base = {
      account: PROD,
      model: "Claude Sonnet 4.6",
      region: "us-east-1",
      route: "regional",
      tier: "on_demand",
    };
    const prices: [string, number, number][] = [
      ["input", 3.3, 3],
      ["output", 16.5, 15],
      ["cache_read", 0.33, 0.3],
      ["cache_write", 4.125, 3.75],
    ];
    let expected = 0;
    for (const [type, regional, global] of prices)
      expected += ((await tokens({ ...base, type })) * (regional - global)) / 1e6;
    expect(expected).toBeGreaterThan(100);
    expect(cents(byId(`global_routing:${PROD}:us-east-1:Claude Sonnet 4.6`).monthlySavingsUsd)).toBe(
      cents(expected),
    );
  });

  it("flex for prod's Nova Pro = 0.2 × Σ generated on-demand tokens × (on-demand − flex); batch ties and flex is shown", async () => {
    const base = { account: PROD, model: "Nova Pro", tier: "on_demand" };
    const expected =
      (0.2 *
        ((await tokens({ ...base, type: "input" })) * 0.4 +
          (await tokens({ ...base, type: "output" })) * 1.6)) /
      1e6;
    const o = byId(`flex:${PROD}:Nova Pro`);
    expect(cents(o.monthlySavingsUsd)).toBe(cents(expected));
    expect(o.assumptions.join(" ")).toContain(
      `batch would save $${cents(expected).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
    );
    expect(all.opportunities.some((x) => x.id === `batch:${PROD}:Nova Pro`)).toBe(false);
  });

  it("the idle Nova Pro throughput: billed hours against its CloudWatch tokens, and its idle hours", async () => {
    const served = await ptServed(IDLE_ARN);
    const billed = 30 * 24 * DEMO_PROVISIONED.hourlyUsd;
    const pt = byId(`provisioned_vs_on_demand:${IDLE_ARN}`);
    expect(cents(pt.monthlySavingsUsd)).toBe(cents(billed - (served.i * 0.8 + served.o * 3.2) / 1e6));
    const idle = byId(`idle_provisioned_throughput:${IDLE_ARN}`);
    expect(served.active).toBeGreaterThan(0);
    expect(cents(idle.monthlySavingsUsd)).toBe(cents((720 - served.active) * DEMO_PROVISIONED.hourlyUsd));
  });
});

describe("overlaps and filters", () => {
  it("never counts the same tokens twice: counted opportunities never overlap, and the total is their sum", () => {
    const counted = all.opportunities.filter((o) => o.countedInTotal);
    const countedIds = new Set(counted.map((o) => o.id));
    for (const o of counted) expect(o.overlapsWith.filter((id) => countedIds.has(id))).toEqual([]);
    for (const o of all.opportunities)
      for (const other of o.overlapsWith) expect(byId(other).overlapsWith).toContain(o.id);
    expect(cents(all.totalMonthlyUsd)).toBe(cents(counted.reduce((s, o) => s + o.monthlySavingsUsd, 0)));
    expect(all.totalMonthlyUsd).toBeLessThan(all.opportunities.reduce((s, o) => s + o.monthlySavingsUsd, 0));
  });

  it("of overlapping opportunities the larger is counted", () => {
    const caching = byId(`prompt_caching:${RESEARCH}:Claude Opus 4.5:${RAG}`);
    expect(caching.overlapsWith).toEqual(
      expect.arrayContaining([
        `batch:${RESEARCH}:Claude Opus 4.5`,
        `global_routing:${RESEARCH}:us-east-1:Claude Opus 4.5`,
      ]),
    );
    expect(caching.countedInTotal).toBe(true);
    expect(byId(`batch:${RESEARCH}:Claude Opus 4.5`).countedInTotal).toBe(false);
    expect(byId(`global_routing:${RESEARCH}:us-east-1:Claude Opus 4.5`).countedInTotal).toBe(false);
    expect(byId(`idle_provisioned_throughput:${IDLE_ARN}`)).toMatchObject({
      overlapsWith: [`provisioned_vs_on_demand:${IDLE_ARN}`],
      countedInTotal: false,
    });
    // The cache writer's cache tokens and its input are different tokens: both counted.
    expect(byId(`unused_cache_writes:${PROD}:Claude Sonnet 4.5:${SUMMARIZER}`).countedInTotal).toBe(true);
    expect(byId(`batch:${PROD}:Claude Sonnet 4.5`).countedInTotal).toBe(true);
  });

  it("minMonthlyUsd drops smaller opportunities and the total follows", async () => {
    const out = await ask({ minMonthlyUsd: 160 });
    expect(out.opportunities.length).toBeGreaterThan(3);
    expect(out.opportunities.every((o) => o.monthlySavingsUsd >= 160)).toBe(true);
    expect(out.opportunities.map((o) => o.id)).toEqual(
      all.opportunities.filter((o) => o.monthlySavingsUsd >= 160).map((o) => o.id),
    );
    expect(
      out.opportunities.some((o) => o.id === `global_routing:${RESEARCH}:us-east-1:Claude Opus 4.5`),
    ).toBe(false);
    const counted = out.opportunities.filter((o) => o.countedInTotal);
    expect(cents(out.totalMonthlyUsd)).toBe(cents(counted.reduce((s, o) => s + o.monthlySavingsUsd, 0)));
  });

  it("kinds keeps only those kinds", async () => {
    const out = await ask({ kinds: ["unused_cache_writes", "prompt_caching"] });
    expect(out.opportunities.map((o) => [o.id, cents(o.monthlySavingsUsd)])).toEqual([
      [`prompt_caching:${RESEARCH}:Claude Opus 4.5:${RAG}`, 577.5],
      [`unused_cache_writes:${PROD}:Claude Sonnet 4.5:${SUMMARIZER}`, 144],
    ]);
    expect(cents(out.totalMonthlyUsd)).toBe(721.5);
    expect(out.kinds).toEqual(["unused_cache_writes", "prompt_caching"]);
  });

  it("filters narrow the rows: one account, its own throughput only", async () => {
    const out = await ask({ filters: { account: [RESEARCH] } });
    expect(out.opportunities.length).toBeGreaterThan(3);
    expect(out.opportunities.every((o) => o.scope.account === RESEARCH)).toBe(true);
    expect(out.opportunities.map((o) => o.scope.resourceId).filter(Boolean)).toEqual([COMMITTED_ARN]);
  });

  it("assumed shares change only the possible figures, linearly", async () => {
    const out = await ask({ assumedShiftableShare: 0.4, kinds: ["batch"] });
    expect(
      cents(
        out.opportunities.find((o) => o.id === `batch:${RESEARCH}:Claude Opus 4.5`)?.monthlySavingsUsd ?? 0,
      ),
    ).toBe(330);
  });

  it("a window past the last billed day ends on it, with a note; a bad range is refused", async () => {
    const out = await ask({ from: "2026-11-16", to: "2026-11-30", kinds: ["unused_cache_writes"] });
    expect(out.window).toEqual({ from: "2026-11-16", to: TO, days: 10 });
    expect(out.notes[0]).toMatch(/after the last billed day 2026-11-25/);
    // 10 days × $4.80, scaled to 30 days
    expect(cents(out.opportunities[0].windowSavingsUsd)).toBe(48);
    expect(cents(out.opportunities[0].monthlySavingsUsd)).toBe(144);
    await expect(ask({ from: "2026-11-25", to: "2026-11-20" })).rejects.toThrow(
      /from 2026-11-25 is after to 2026-11-20/,
    );
  });
});
