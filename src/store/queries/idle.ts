import type { PtFacts } from "../../domain/facts.js";
import { resolveModelId } from "../../domain/models/model-id.js";
import type { Db } from "../db.js";
import { readBilledPtRates, readModelIdContext } from "./estimate-inputs.js";

const HOUR_MS = 3_600_000;

/** PT inventory joined with its CloudWatch hours (ModelId = the provisioned-model ARN) and CUR rate. */
export async function readPtFacts(db: Db, now: Date, lookbackDays: number): Promise<PtFacts[]> {
  const pts = await db
    .selectFrom("provisioned_throughput")
    .selectAll()
    .where("status", "!=", "Failed")
    .execute();
  if (!pts.length) return [];
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const startHour = new Date(end - lookbackDays * 24 * HOUR_MS).toISOString().slice(0, 13);
  const endHour = new Date(end).toISOString().slice(0, 13);
  const activity = await db
    .selectFrom("metric_hourly")
    .select((eb) => [
      "model_id",
      eb.fn.countAll<number>().as("hours"),
      eb.fn.sum<number>("invocations").as("invocations"),
    ])
    .where(
      "model_id",
      "in",
      pts.map((p) => p.arn),
    )
    .where("invocations", ">=", 1)
    .where("hour", ">=", startHour)
    .where("hour", "<", endHour)
    .groupBy("model_id")
    .execute();
  const byArn = new Map(activity.map((a) => [a.model_id, a]));
  const rates = await readBilledPtRates(db);
  const ctx = await readModelIdContext(db);
  return pts.map((p) => ({
    arn: p.arn,
    name: p.name,
    accountId: p.account,
    region: p.region,
    model: resolveModelId(p.arn, ctx).model,
    modelUnits: p.model_units ?? 1,
    commitment: p.commitment_duration,
    commitmentExpiresAt: p.commitment_expiration_time,
    createdAt: p.creation_time,
    activeHours: Number(byArn.get(p.arn)?.hours ?? 0),
    invocations: Number(byArn.get(p.arn)?.invocations ?? 0),
    usdPerUnitHour: rates.get(p.arn) ?? null,
  }));
}
