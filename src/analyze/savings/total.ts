import { type Candidate, MONTH_DAYS, type Opportunity } from "./types.js";

/**
 * From candidates to the answer: monthly figures (window savings × 30 / days), the minMonthlyUsd
 * cut, overlaps (two opportunities overlap when they change the same billed token cell or the same
 * provisioned throughput) and a total that never counts the same tokens twice: largest first, an
 * opportunity is counted only when it overlaps none already counted. For two overlapping
 * opportunities that is the larger; ties go to the id that sorts first.
 */

export interface Combined {
  opportunities: Opportunity[];
  totalMonthlyUsd: number;
}

function overlaps(cands: readonly Candidate[]): Map<string, Set<string>> {
  const byCell = new Map<string, string[]>();
  for (const c of cands)
    for (const cell of new Set(c.footprint)) {
      const ids = byCell.get(cell);
      if (ids) ids.push(c.id);
      else byCell.set(cell, [c.id]);
    }
  const out = new Map<string, Set<string>>(cands.map((c) => [c.id, new Set<string>()]));
  for (const ids of byCell.values())
    for (const a of ids) for (const b of ids) if (a !== b) out.get(a)?.add(b);
  return out;
}

export function combine(cands: readonly Candidate[], o: { days: number; minMonthlyUsd: number }): Combined {
  const monthly = (c: Candidate) => (c.windowSavingsUsd * MONTH_DAYS) / o.days;
  const kept = cands
    .filter((c) => monthly(c) >= o.minMonthlyUsd)
    .sort((a, b) => monthly(b) - monthly(a) || a.id.localeCompare(b.id));
  const graph = overlaps(kept);
  const counted = new Set<string>();
  for (const c of kept) {
    const others = graph.get(c.id) ?? new Set<string>();
    if (![...others].some((id) => counted.has(id))) counted.add(c.id);
  }
  const opportunities = kept.map(({ footprint: _footprint, ...c }) => ({
    ...c,
    monthlySavingsUsd: (c.windowSavingsUsd * MONTH_DAYS) / o.days,
    overlapsWith: [...(graph.get(c.id) ?? [])].sort(),
    countedInTotal: counted.has(c.id),
  }));
  const totalMonthlyUsd = opportunities.reduce((s, x) => s + (x.countedInTotal ? x.monthlySavingsUsd : 0), 0);
  return { opportunities, totalMonthlyUsd };
}
