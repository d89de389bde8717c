import { type Kysely, sql } from "kysely";
import type { UsageSqlRow } from "../../domain/facts.js";
import type { ModelIdContext } from "../../domain/models/model-id.js";
import type { Database } from "../schema.js";

/** metric_hourly summed per account × region × raw ModelId × (day | hour | nothing). */
export async function usageByModelId(
  db: Kysely<Database>,
  q: {
    fromHour: string;
    toHour: string;
    bucket: "day" | "hour" | null;
    accounts?: string[];
    regions?: string[];
  },
): Promise<UsageSqlRow[]> {
  const bucket =
    q.bucket === "day"
      ? sql<string>`substr(hour, 1, 10)`
      : q.bucket === "hour"
        ? sql<string>`hour`
        : sql<string>`''`;
  let query = db
    .selectFrom("metric_hourly")
    .select([
      "account",
      "region",
      "model_id",
      bucket.as("bucket"),
      sql<number>`sum(invocations)`.as("invocations"),
      sql<number>`sum(input_tokens)`.as("input_tokens"),
      sql<number>`sum(output_tokens)`.as("output_tokens"),
      sql<number>`sum(cache_read_tokens)`.as("cache_read_tokens"),
      sql<number>`sum(cache_write_tokens)`.as("cache_write_tokens"),
      sql<number>`sum(throttles)`.as("throttles"),
      sql<number>`sum(client_errors + server_errors)`.as("errors"),
      sql<number>`coalesce(sum(latency_avg_ms * invocations), 0)`.as("latency_weighted"),
      sql<number>`coalesce(sum(case when latency_avg_ms is not null then invocations end), 0)`.as(
        "latency_invocations",
      ),
    ])
    .where("hour", ">=", q.fromHour)
    .where("hour", "<=", q.toHour)
    .groupBy(["account", "region", "model_id", "bucket"]);
  if (q.accounts?.length) query = query.where("account", "in", q.accounts);
  if (q.regions?.length) query = query.where("region", "in", q.regions);
  return query.execute();
}

/** What the ModelId mapping needs from the inventory (names, PT → model, app profile → models). */
export async function modelIdContext(db: Kysely<Database>): Promise<ModelIdContext> {
  const [models, pts, profiles] = await Promise.all([
    db.selectFrom("foundation_model").select(["model_id", "model_name"]).execute(),
    db.selectFrom("provisioned_throughput").select(["arn", "foundation_model_arn", "model_arn"]).execute(),
    db.selectFrom("inference_profile").select(["arn", "models"]).where("type", "=", "APPLICATION").execute(),
  ]);
  const provisioned = new Map<string, string>();
  for (const p of pts) {
    const target = p.foundation_model_arn ?? p.model_arn;
    if (target) provisioned.set(p.arn, target);
  }
  return {
    names: new Map(models.map((m) => [m.model_id, m.model_name])),
    provisioned,
    applicationProfiles: new Map(profiles.map((p) => [p.arn, JSON.parse(p.models) as string[]])),
  };
}
