import { randomUUID } from "node:crypto";
import { recomputeAfterCollection } from "../derive/estimate.js";
import { mapPool } from "../util/pool.js";
import { createProgress, type Progress } from "../util/progress.js";
import type { CollectDeps, CollectOptions, CollectSummary, UnitOutcome } from "./run-types.js";
import { executeUnit } from "./unit.js";
import { planUnits } from "./units.js";

export type { CollectDeps, CollectOptions, CollectSummary, UnitOutcome } from "./run-types.js";

/**
 * Every source × account × region with bounded concurrency (collect.concurrency). A unit's
 * failure (AccessDenied, wrong ExternalId, retries exhausted, network) is recorded with a fix and
 * never stops the others. Inventory runs first: the logs units read the logging destinations it finds.
 */
export async function runCollection(deps: CollectDeps, o: CollectOptions = {}): Promise<CollectSummary> {
  const runId = randomUUID();
  const units = planUnits(deps.config, o.sources);
  const phases = [
    units.filter((u) => u.source === "inventory"),
    units.filter((u) => u.source !== "inventory"),
  ];
  const progress = o.progress ?? createProgress("collect");
  const finished: UnitOutcome[] = [];
  // The CUR unit's own phases ride on the units counter: a first backfill is minutes in one unit.
  const counted = () => `${finished.length}/${units.length} units`;
  const curProgress: Progress = {
    update: (text) => progress.update(`${counted()} · CUR ${text}`),
    done() {},
  };
  const ingestCur = deps.ingestCur;
  const unitDeps: CollectDeps = ingestCur
    ? { ...deps, ingestCur: (source, account) => ingestCur(source, account, curProgress) }
    : deps;
  for (const phase of phases) {
    await mapPool(
      phase,
      deps.config.collect.concurrency,
      async (u) => {
        const out = await executeUnit(unitDeps, u, o, runId);
        finished.push(out);
        progress.update(counted());
        return out;
      },
      o.signal,
    );
    if (o.signal?.aborted) break;
  }
  const failed = finished.filter((x) => x.status === "failed").length;
  const ok = finished.length - failed;
  progress.done(`${ok}/${units.length} units ok, ${failed} failed`);
  const status = failed === 0 && finished.length === units.length ? "ok" : ok > 0 ? "partial" : "failed";
  const order = (x: UnitOutcome) =>
    units.findIndex(
      (u) => u.source === x.source && (u.account?.id ?? null) === x.account && u.region === x.region,
    );
  // Estimated spend follows the freshest metrics, logs, inventory and CUR (issue 4).
  if (ok > 0)
    await recomputeAfterCollection(deps.db, {
      now: deps.now(),
      accounts: deps.config.accounts,
      log: deps.log,
    });
  return { runId, status, units: finished.sort((a, b) => order(a) - order(b)) };
}
