import type { BilledUsageCell, PtServedFacts, SavingsKind } from "../../domain/savings.js";
import type { IdleItem } from "../idle-throughput.js";
import { globalRouting } from "./global-routing.js";
import { promptCaching } from "./prompt-caching.js";
import { idleThroughput, provisionedVsOnDemand } from "./provisioned.js";
import { shiftTier } from "./shift-tier.js";
import { type Combined, combine } from "./total.js";
import type { Candidate, SavingsContext } from "./types.js";
import { unusedCacheWrites } from "./unused-cache-writes.js";

export { unpricedModels } from "./cells.js";
export type { Combined } from "./total.js";
export type {
  Candidate,
  Evidence,
  EvidenceItem,
  Opportunity,
  SavingsContext,
  SavingsScope,
} from "./types.js";
export { MONTH_DAYS } from "./types.js";

/** SAVINGS OPPORTUNITIES (docs/savings.md): pure, billed facts and the price table in, opportunities out. */

export interface SavingsFacts {
  cells: readonly BilledUsageCell[];
  pts: readonly PtServedFacts[];
  idle: readonly IdleItem[];
}

export interface SavingsOptions extends SavingsContext {
  kinds: readonly SavingsKind[];
  minMonthlyUsd: number;
  now: Date;
}

export function savingsCandidates(f: SavingsFacts, o: SavingsOptions): Candidate[] {
  const want = (k: SavingsKind) => o.kinds.includes(k);
  const tiers = (["batch", "flex"] as const).filter(want);
  return [
    ...(want("global_routing") ? globalRouting(o, f.cells) : []),
    ...(want("unused_cache_writes") ? unusedCacheWrites(o, f.cells) : []),
    ...(want("prompt_caching") ? promptCaching(o, f.cells) : []),
    ...shiftTier(o, f.cells, tiers),
    ...(want("provisioned_vs_on_demand") ? provisionedVsOnDemand(o, f.pts, o.now) : []),
    ...(want("idle_provisioned_throughput") ? idleThroughput(o, f.idle, o.now) : []),
  ];
}

export function findSavings(f: SavingsFacts, o: SavingsOptions): Combined {
  return combine(savingsCandidates(f, o), { days: o.days, minMonthlyUsd: o.minMonthlyUsd });
}
