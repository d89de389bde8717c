import { billedThrough } from "../../domain/billed-through.js";
import type { ModelLifecycleFacts, ModelSpend } from "../../domain/facts.js";
import { canonicalModelName, fallbackModelName } from "../../domain/models/fallback-names.js";
import { planSpendSources } from "../../domain/spend-sources.js";
import type { Db } from "../db.js";
import { readCurCoverage } from "./provenance.js";
import { querySpend } from "./spend.js";

/**
 * Lifecycle facts from the foundation_model inventory, under the canonical model name(s) the spend
 * tables use: the inventory's own name and, when different, the fallback name of the model id.
 */
export async function readLifecycleFacts(db: Db): Promise<ModelLifecycleFacts[]> {
  const rows = await db.selectFrom("foundation_model").selectAll().execute();
  return rows.flatMap((r) => {
    const names = new Set([canonicalModelName(r.model_name)]);
    const fallback = fallbackModelName(r.model_id.replace(/:(\d+k|mm)$/, ""));
    if (fallback) names.add(fallback);
    return [...names].map((model) => ({
      model,
      modelId: r.model_id,
      status: r.status,
      legacyTime: r.legacy_time,
      publicExtendedAccessTime: r.public_extended_access_time,
      endOfLifeTime: r.end_of_life_time,
    }));
  });
}

/**
 * Spend per model over [from, to] (billed through billedThrough, estimated after), with accounts
 * and principals — those read only for `detailFor` when given (the others get empty lists).
 */
export async function readModelSpend(
  db: Db,
  from: string,
  to: string,
  detailFor?: readonly string[],
): Promise<ModelSpend[]> {
  const plan = planSpendSources("auto", { from, to }, billedThrough(await readCurCoverage(db)));
  const q = { billed: plan.billed, estimated: plan.estimated, limit: 1000 };
  const byModel = await querySpend(db, { ...q, groupBy: ["model"] });
  // Filtered to the models that need them, the (model, day) index reads only their rows.
  const filters = detailFor ? { model: [...detailFor] } : undefined;
  const none = { rows: [] as typeof byModel.rows };
  const detail = (key: "account" | "principal") =>
    detailFor?.length === 0
      ? none
      : querySpend(db, { ...q, groupBy: ["model", key], filters, limit: 10_000 });
  const byAccount = await detail("account");
  const byPrincipal = await detail("principal");
  const collect = (rows: typeof byAccount.rows, model: string) =>
    rows.filter((r) => r.keys[0] === model && r.keys[1] && (r.costUsd ?? 0) > 0).map((r) => r.keys[1]!);
  return byModel.rows
    .filter((r) => r.keys[0] !== null)
    .map((r) => ({
      model: r.keys[0]!,
      spendUsd: r.costUsd ?? 0,
      accounts: collect(byAccount.rows, r.keys[0]!),
      principals: collect(byPrincipal.rows, r.keys[0]!),
    }));
}
