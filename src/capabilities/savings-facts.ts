import { findIdleThroughput } from "../analyze/idle-throughput.js";
import type { SavingsFacts } from "../analyze/savings/index.js";
import { billedThrough } from "../domain/billed-through.js";
import type { PtServedFacts, SavingsKind } from "../domain/savings.js";
import type { DayRange } from "../domain/vocabulary.js";
import { AppError, UsageError } from "../errors.js";
import { bundledPriceRows } from "../prices/bundled.js";
import { buildPriceBook, type PriceBook } from "../prices/lookup.js";
import { loadPrices } from "../store/queries/prices.js";
import { readCurCoverage } from "../store/queries/provenance.js";
import { readBilledWindow, readPtServed } from "../store/queries/savings.js";
import { addDays, daysBetween } from "../util/dates.js";
import type { Filters } from "./common.js";
import type { Deps } from "./types.js";

/** The window, prices and billed facts get_savings_opportunities works on. */

export const DEFAULT_WINDOW_DAYS = 30;
/** list_idle_throughput's default: a throughput used in at most this share of hours is idle. */
const IDLE_MAX_UTILIZATION_PCT = 10;

export interface SavingsWindow extends DayRange {
  days: number;
  billedThrough: string;
  notes: string[];
}

/** Billed days only: default the last 30 days through billedThrough; a later `to` is cut back to it. */
export async function resolveSavingsWindow(deps: Deps, from?: string, to?: string): Promise<SavingsWindow> {
  const through = billedThrough(await readCurCoverage(deps.db));
  if (!through)
    throw new AppError(
      "no billed CUR data yet: savings are computed from the bill only",
      "ingest a CUR 2.0 export first (bedrock-spend collect, or bedrock-spend ingest-cur <folder>)",
    );
  const notes: string[] = [];
  let end = to ?? through;
  if (end > through) {
    notes.push(`to ${end} is after the last billed day ${through}: the window ends on ${through}`);
    end = through;
  }
  const start = from ?? addDays(end, -(DEFAULT_WINDOW_DAYS - 1));
  if (start > end)
    throw new UsageError(`from ${start} is after to ${end}: pass --from/--to (from ≤ to, both billed)`);
  return { from: start, to: end, days: daysBetween(start, end) + 1, billedThrough: through, notes };
}

/** The price table estimates use: the stored one, or the bundled snapshot a fresh store would be seeded with. */
export async function priceBook(deps: Deps): Promise<PriceBook> {
  const stored = await loadPrices(deps.db);
  return buildPriceBook(stored.length ? stored : bundledPriceRows());
}

const PT_KINDS: readonly SavingsKind[] = ["provisioned_vs_on_demand", "idle_provisioned_throughput"];

/** Provisioned throughput has no caller, token type or tag: those filters leave it out. */
function ptFilterApplies(f: Filters | undefined): boolean {
  if (f?.principal?.length || f?.token_type?.length || f?.tag) return false;
  return !f?.pricing_model?.length || f.pricing_model.includes("provisioned");
}

function inScope(f: Filters | undefined) {
  return (p: { accountId: string; region: string; model: string }) =>
    (!f?.account?.length || f.account.includes(p.accountId)) &&
    (!f?.region?.length || f.region.includes(p.region)) &&
    (!f?.model?.length || f.model.includes(p.model));
}

export async function readSavingsFacts(
  deps: Deps,
  w: SavingsWindow,
  kinds: readonly SavingsKind[],
  filters?: Filters,
): Promise<SavingsFacts> {
  const billed = await readBilledWindow(deps.db, w, filters);
  const wantPt = kinds.some((k) => PT_KINDS.includes(k)) && ptFilterApplies(filters);
  if (!wantPt) return { cells: billed.cells, pts: [], idle: [] };
  const pts: PtServedFacts[] = (await readPtServed(deps.db, w, billed.pts)).filter(inScope(filters));
  // list_idle_throughput's analysis over the same window: its hours end where the window ends,
  // at the rate billed in the window.
  const end = new Date(`${addDays(w.to, 1)}T00:00:00Z`);
  const idle = findIdleThroughput(pts, {
    now: end,
    lookbackDays: w.days,
    maxUtilizationPct: IDLE_MAX_UTILIZATION_PCT,
  });
  return { cells: billed.cells, pts, idle };
}
