import type { Db } from "../../src/store/db.js";
import { type MetricHourRow, upsertMetricHours } from "../../src/store/queries/metrics.js";
import { billed, insertBilled, insertCurPeriod } from "./spend-rows.js";

/**
 * A small store for the pricing/estimate tests. now = 2026-11-26T12:00Z; the CUR bills through
 * 2026-11-24. Nova Pro (1M input + 200k output a day at $0.80/$3.20), Claude 3.5 Sonnet v2 via a
 * `us.` profile (1M input a day at $3), one idle no-commitment PT ($21.18/h), and on 11-24 a
 * $100 Nova Pro line from eu-central-1 whose metrics were never collected.
 */
export const NOW = new Date("2026-11-26T12:00:00Z");
export const A = "111111111111";
export const PT = `arn:aws:bedrock:us-east-1:${A}:provisioned-model/a1b2c3d4e5f6`;
export const PT_RATE = 21.18;
export const SONNET_V2 = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const DAYS = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"];

const hour = (over: Partial<MetricHourRow>): MetricHourRow => ({
  account: A,
  region: "us-east-1",
  model_id: "amazon.nova-pro-v1:0",
  hour: "2026-11-23T10:00Z",
  invocations: 1,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  latency_avg_ms: 300,
  throttles: 0,
  client_errors: 0,
  server_errors: 0,
  ...over,
});

export async function seedPricingOrg(db: Db): Promise<void> {
  const fetched = NOW.toISOString();
  await db
    .insertInto("foundation_model")
    .values([
      {
        region: "us-east-1",
        model_id: "amazon.nova-pro-v1:0",
        model_name: "Nova Pro",
        provider: "Amazon",
        status: "ACTIVE",
        legacy_time: null,
        public_extended_access_time: null,
        end_of_life_time: null,
        start_of_life_time: null,
        inference_types: "[]",
        fetched_at: fetched,
      },
      {
        region: "us-east-1",
        model_id: SONNET_V2,
        model_name: "Claude 3.5 Sonnet v2",
        provider: "Anthropic",
        status: "LEGACY",
        legacy_time: "2026-08-01T00:00:00Z",
        public_extended_access_time: "2026-12-01T00:00:00Z",
        end_of_life_time: "2027-01-15T00:00:00Z",
        start_of_life_time: null,
        inference_types: "[]",
        fetched_at: fetched,
      },
    ])
    .execute();
  await db
    .insertInto("provisioned_throughput")
    .values({
      arn: PT,
      account: A,
      region: "us-east-1",
      name: "nova-pro-reserved-capacity",
      model_arn: null,
      foundation_model_arn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
      model_units: 1,
      desired_model_units: 1,
      status: "InService",
      commitment_duration: null,
      commitment_expiration_time: null,
      creation_time: "2026-10-01T00:00:00Z",
      fetched_at: fetched,
    })
    .execute();
  const hours: MetricHourRow[] = [];
  for (const d of DAYS) {
    hours.push(hour({ hour: `${d}T09:00Z`, input_tokens: 500_000, output_tokens: 100_000 }));
    hours.push(hour({ hour: `${d}T10:00Z`, input_tokens: 500_000, output_tokens: 100_000 }));
    hours.push(hour({ hour: `${d}T08:00Z`, model_id: `us.${SONNET_V2}`, input_tokens: 1_000_000 }));
  }
  for (const h of ["2026-11-20T03:00Z", "2026-11-21T04:00Z", "2026-11-25T05:00Z"])
    hours.push(hour({ hour: h, model_id: PT, invocations: 4, input_tokens: 3200 }));
  await upsertMetricHours(db, hours);
  await db
    .insertInto("invocation_log")
    .values({
      request_id: "r1",
      ts: "2026-11-25T09:12:00Z",
      account: A,
      region: "us-east-1",
      operation: "Converse",
      model_id: "amazon.nova-pro-v1:0",
      principal: "arn:aws:sts::111111111111:assumed-role/Chat/svc",
      inference_region: null,
      input_tokens: 400_000,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      error_code: null,
      request_metadata: '{"app":"chat"}',
    })
    .execute();
  const rows = DAYS.slice(0, 2).flatMap((day) => [
    billed({ day, model: "Nova Pro", model_id: "amazon.nova-pro-v1:0", cost_usd: 0.8, tokens: 1e6 }),
    billed({
      day,
      model: "Nova Pro",
      model_id: "amazon.nova-pro-v1:0",
      token_type: "output",
      cost_usd: 0.64,
      tokens: 2e5,
    }),
    billed({
      day,
      model: "Nova Pro",
      pricing_model: "provisioned",
      token_type: "none",
      resource_id: PT,
      cost_usd: 24 * PT_RATE,
      usage_amount: 24,
    }),
    billed({
      day,
      model: "Claude 3.5 Sonnet v2",
      model_id: SONNET_V2,
      cost_usd: 3,
      tokens: 1e6,
      principal: "arn:aws:sts::111111111111:assumed-role/Chat/svc",
    }),
  ]);
  rows.push(
    billed({ day: "2026-11-24", model: "Nova Pro", region: "eu-central-1", cost_usd: 100, tokens: 1.25e8 }),
  );
  await insertBilled(db, rows);
  await insertCurPeriod(db, "2026-11", "2026-11-24", "2026-11-25T06:00:00Z");
}
