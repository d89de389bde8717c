import type { UsageSqlRow } from "../domain/facts.js";
import { type ModelIdContext, resolveModelId } from "../domain/models/model-id.js";

/** Token usage rollups from CloudWatch hours. Pure: rows + options in, rows out. */

export const USAGE_GROUP_KEYS = ["model", "model_id", "account", "region", "day", "hour"] as const;
export type UsageGroupKey = (typeof USAGE_GROUP_KEYS)[number];

export interface UsageRow {
  model?: string | null;
  model_id?: string | null;
  account?: string | null;
  accountName?: string | null;
  region?: string | null;
  day?: string | null;
  hour?: string | null;
  invocations: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  throttles: number;
  errors: number;
  /** Invocation-weighted mean latency, null when no hour carried a latency. */
  avgLatencyMs: number | null;
}

export interface UsageOptions {
  groupBy: UsageGroupKey[];
  ctx: ModelIdContext;
  models?: string[];
  pricingModels?: string[];
  accountNames?: ReadonlyMap<string, string>;
}

interface Acc {
  row: UsageRow;
  lw: number;
  li: number;
}

export function rollupUsage(rows: UsageSqlRow[], o: UsageOptions): UsageRow[] {
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const info = resolveModelId(r.model_id, o.ctx);
    if (o.models?.length && !o.models.includes(info.model)) continue;
    if (o.pricingModels?.length && !o.pricingModels.includes(info.pricingModel)) continue;
    const keys: Partial<Record<UsageGroupKey, string>> = {
      model: info.model,
      model_id: r.model_id,
      account: r.account,
      region: r.region,
      day: r.bucket.slice(0, 10),
      hour: r.bucket,
    };
    const id = o.groupBy.map((k) => keys[k]).join("\u0000");
    let g = groups.get(id);
    if (!g) {
      const row = {} as UsageRow;
      for (const k of o.groupBy) {
        row[k] = keys[k] ?? null;
        if (k === "account") row.accountName = o.accountNames?.get(r.account) ?? null;
      }
      Object.assign(row, { invocations: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 });
      Object.assign(row, { cacheWriteTokens: 0, throttles: 0, errors: 0, avgLatencyMs: null });
      g = { row, lw: 0, li: 0 };
      groups.set(id, g);
    }
    g.row.invocations += r.invocations;
    g.row.inputTokens += r.input_tokens;
    g.row.outputTokens += r.output_tokens;
    g.row.cacheReadTokens += r.cache_read_tokens;
    g.row.cacheWriteTokens += r.cache_write_tokens;
    g.row.throttles += r.throttles;
    g.row.errors += r.errors;
    g.lw += r.latency_weighted;
    g.li += r.latency_invocations;
  }
  const out = [...groups.values()].map((g) => ({ ...g.row, avgLatencyMs: g.li > 0 ? g.lw / g.li : null }));
  const time = o.groupBy.includes("hour") ? "hour" : o.groupBy.includes("day") ? "day" : null;
  return out.sort(
    (a, b) =>
      (time ? String(a[time]).localeCompare(String(b[time])) : 0) ||
      b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) ||
      o.groupBy.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ||
      0,
  );
}
