import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { usageCapability } from "../../src/capabilities/get-token-usage.js";
import type { Deps } from "../../src/capabilities/types.js";
import { parseConfig } from "../../src/config.js";
import type { Db } from "../../src/store/db.js";
import { type MetricHourRow, upsertMetricHours } from "../../src/store/queries/metrics.js";
import { silentLogger } from "../../src/util/log.js";
import { memoryDb } from "../helpers/db.js";

const PT = "arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6";
const row = (over: Partial<MetricHourRow>): MetricHourRow => ({
  account: "111111111111",
  region: "us-east-1",
  model_id: "amazon.nova-pro-v1:0",
  hour: "2026-11-20T10:00Z",
  invocations: 10,
  input_tokens: 1000,
  output_tokens: 100,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  latency_avg_ms: 200,
  throttles: 0,
  client_errors: 0,
  server_errors: 0,
  ...over,
});

let db: Db;
let deps: Deps;
beforeEach(async () => {
  db = await memoryDb();
  const config = parseConfig({ accounts: [{ id: "111111111111", name: "prod" }, { id: "222222222222" }] });
  deps = { db, config, now: () => new Date("2026-11-26T12:00:00Z"), log: silentLogger };
  await upsertMetricHours(db, [
    row({}),
    row({
      hour: "2026-11-20T11:00Z",
      invocations: 30,
      latency_avg_ms: 400,
      throttles: 2,
      client_errors: 1,
      server_errors: 1,
    }),
    row({ model_id: "us.amazon.nova-pro-v1:0", hour: "2026-11-21T09:00Z", input_tokens: 500 }),
    row({ model_id: PT, invocations: 1, input_tokens: 50, output_tokens: 5 }),
    row({
      account: "222222222222",
      model_id: "global.anthropic.claude-sonnet-4-6",
      input_tokens: 7000,
      cache_read_tokens: 9000,
    }),
    row({ hour: "2026-10-31T23:00Z", input_tokens: 999_999 }), // outside the default range
  ]);
  await db
    .insertInto("provisioned_throughput")
    .values({
      arn: PT,
      account: "111111111111",
      region: "us-east-1",
      name: "nova-pro-reserved-capacity",
      model_arn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
      foundation_model_arn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
      model_units: 1,
      desired_model_units: 1,
      status: "InService",
      commitment_duration: null,
      commitment_expiration_time: null,
      creation_time: null,
      fetched_at: "2026-11-26T00:00:00Z",
    })
    .execute();
});
afterEach(() => db.destroy());

const run = (input: object) => usageCapability.run(deps, usageCapability.inputSchema.parse(input));

describe("get_token_usage", () => {
  it("groups by canonical model by default (most tokens first), provisioned traffic folded into its model", async () => {
    const out = await run({});
    expect(usageCapability.outputSchema.parse(out)).toEqual(out);
    expect(out.from).toBe("2026-11-01");
    expect(out.to).toBe("2026-11-26");
    expect(out.rows.map((r) => [r.model, r.invocations, r.inputTokens, r.throttles, r.errors])).toEqual([
      ["Claude Sonnet 4.6", 10, 7000, 0, 0],
      ["Nova Pro", 51, 2550, 2, 2],
    ]);
    // (10×200 + 30×400 + 10×200 + 1×200) / 51
    expect(out.rows[1].avgLatencyMs).toBeCloseTo(16200 / 51, 9);
  });

  it("groups by raw ModelId and day, with account names", async () => {
    const out = await run({
      groupBy: ["day", "account", "model_id"],
      filters: { account: ["111111111111"] },
    });
    expect(out.rows.map((r) => [r.day, r.account, r.accountName, r.model_id, r.inputTokens])).toEqual([
      ["2026-11-20", "111111111111", "prod", "amazon.nova-pro-v1:0", 2000],
      ["2026-11-20", "111111111111", "prod", PT, 50],
      ["2026-11-21", "111111111111", "prod", "us.amazon.nova-pro-v1:0", 500],
    ]);
  });

  it("filters by model name and pricing model", async () => {
    const sonnet = await run({ filters: { model: ["Claude Sonnet 4.6"] }, groupBy: ["region"] });
    expect(sonnet.rows).toHaveLength(1);
    expect(sonnet.rows[0]).toMatchObject({ region: "us-east-1", inputTokens: 7000, cacheReadTokens: 9000 });
    const pt = await run({ filters: { pricing_model: ["provisioned"] }, groupBy: ["hour"] });
    expect(pt.rows.map((r) => [r.hour, r.invocations])).toEqual([["2026-11-20T10:00Z", 1]]);
  });

  it("includes both ends of the range and rejects filters CloudWatch cannot answer", async () => {
    const out = await run({ from: "2026-10-31", to: "2026-10-31" });
    expect(out.rows.map((r) => r.inputTokens)).toEqual([999_999]);
    await expect(run({ filters: { principal: ["arn:aws:iam::1:user/x"] } })).rejects.toThrow(/principal/);
    await expect(run({ from: "2026-11-10", to: "2026-11-01" })).rejects.toThrow(/after/);
  });

  it("re-collecting an hour replaces it instead of adding to it", async () => {
    await upsertMetricHours(db, [row({ input_tokens: 1 })]);
    const out = await run({ groupBy: ["model_id"], filters: { model: ["Nova Pro"] } });
    expect(out.rows.find((r) => r.model_id === "amazon.nova-pro-v1:0")?.inputTokens).toBe(1001);
    const count = await db
      .selectFrom("metric_hourly")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(6);
  });
});
