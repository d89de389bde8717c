import type { Db } from "../../src/store/db.js";
import { type MetricHourRow, upsertMetricHours } from "../../src/store/queries/metrics.js";
import { addDays, eachDay, parseDay } from "../../src/util/dates.js";
import { prng } from "../../tools/anomaly-eval-data.js";

/**
 * An hourly store: CloudWatch tokens per hour for 3 account/region/model combos over `days` days up
 * to NOW (busy 08–18 UTC, quiet nights, quieter weekends, ±10% seeded noise), plus invocation-log
 * metadata for the loop principal (60% of the Sonnet traffic of account 333…). `runaway` multiplies
 * that account's Sonnet tokens (and the principal's) by 10 for three hours.
 */
export const NOW = "2026-11-16T12:00:00Z";
export const A1 = "111111111111";
export const A3 = "333333333333";
export const SONNET = "us.anthropic.claude-sonnet-4-6";
export const LOOP = "arn:aws:sts::333333333333:assumed-role/Agents/loop-runner";
export const RUNAWAY_HOURS = ["2026-11-16T03:00Z", "2026-11-16T04:00Z", "2026-11-16T05:00Z"];

/** Peak-hour tokens (input, output) per combo; Sonnet 4.6 at $3.3/$16.5 per 1M → ~$9.90/h at peak. */
const COMBOS = [
  { account: A1, region: "us-east-1", model_id: "amazon.nova-pro-v1:0", input: 4e6, output: 1e6 },
  { account: A1, region: "us-west-2", model_id: SONNET, input: 2e6, output: 3e5 },
  { account: A3, region: "us-east-1", model_id: SONNET, input: 1e6, output: 4e5 },
];

const shape = (hour: string) => {
  const h = Number(hour.slice(11, 13));
  const weekend = [0, 6].includes(parseDay(hour.slice(0, 10)).getUTCDay());
  return (h >= 8 && h <= 18 ? 1 : 0.3) * (weekend ? 0.4 : 1);
};

const row = (over: Partial<MetricHourRow> & Pick<MetricHourRow, "hour">): MetricHourRow => ({
  account: A1,
  region: "us-east-1",
  model_id: SONNET,
  invocations: 100,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  latency_avg_ms: 900,
  throttles: 0,
  client_errors: 0,
  server_errors: 0,
  ...over,
});

export async function seedHourlyOrg(db: Db, o: { days?: number; runaway?: boolean } = {}) {
  const rand = prng(7);
  const rows: MetricHourRow[] = [];
  const logs: Parameters<typeof insertLogs>[1] = [];
  const lastHour = "2026-11-16T11";
  for (const day of eachDay(addDays("2026-11-16", -((o.days ?? 32) - 1)), "2026-11-16")) {
    for (let h = 0; h < 24; h++) {
      const hour = `${day}T${String(h).padStart(2, "0")}:00Z`;
      if (hour.slice(0, 13) > lastHour) break;
      for (const c of COMBOS) {
        const loop = o.runaway && c.account === A3 && RUNAWAY_HOURS.includes(hour) ? 10 : 1;
        const f = shape(hour) * (1 + 0.2 * (rand() - 0.5)) * loop;
        const input = Math.round(c.input * f);
        const output = Math.round(c.output * f);
        const where = { account: c.account, region: c.region, model_id: c.model_id };
        rows.push(row({ ...where, hour, input_tokens: input, output_tokens: output }));
        if (c.account === A3)
          logs.push({ hour, input: Math.round(input * 0.6), output: Math.round(output * 0.6) });
      }
    }
  }
  await upsertMetricHours(db, rows);
  await insertLogs(db, logs);
}

async function insertLogs(db: Db, hours: { hour: string; input: number; output: number }[]) {
  const values = hours.map((x, i) => ({
    request_id: `req-${i}`,
    ts: `${x.hour.slice(0, 13)}:17:05Z`,
    account: A3,
    region: "us-east-1",
    operation: "Converse",
    model_id: SONNET,
    principal: LOOP,
    inference_region: null,
    input_tokens: x.input,
    output_tokens: x.output,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    error_code: null,
    request_metadata: "{}",
  }));
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto("invocation_log")
      .values(values.slice(i, i + 500))
      .execute();
}
