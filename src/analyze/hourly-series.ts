import type { DriverSlice, KeyedSeries } from "./anomaly/index.js";
import { CELL_TOKEN_TYPES, type CostCell } from "./hourly-cost.js";

/**
 * Hour grids and keyed USD series from priced cells (hourly-cost.ts). Pure. An hour inside the
 * collected range without a cell of a key cost $0 there (CloudWatch sends no datapoint for an hour
 * without traffic); an hour outside it is missing (null), never a zero.
 */

export type CellDimension = "total" | "model" | "account" | "region" | "principal" | "token_type";

const HOUR_MS = 3_600_000;

export const hourLabel = (ms: number) => `${new Date(ms).toISOString().slice(0, 13)}:00Z`;
export const hourMs = (label: string) => Date.parse(`${label.slice(0, 13)}:00:00Z`);
export const addHours = (label: string, n: number) => hourLabel(hourMs(label) + n * HOUR_MS);

/** Every hour label from `from` to `to`, both included. */
export function hourGrid(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = hourMs(from); t <= hourMs(to); t += HOUR_MS) out.push(hourLabel(t));
  return out;
}

/** The cell's key in a dimension (token_type: a cell holds every type, see seriesBy). */
export function keyOf(c: CostCell, dim: Exclude<CellDimension, "token_type">): string | null {
  return dim === "total" ? null : c[dim];
}

type KeyedValues = Map<string | null, (number | null)[]>;

/** Adds `usd` to hour `i` of `key`'s series; a new key starts at $0 on collected hours, missing elsewhere. */
function addAt(byKey: KeyedValues, present: readonly boolean[], key: string | null, i: number, usd: number) {
  let values = byKey.get(key);
  if (!values) {
    values = present.map((p) => (p ? 0 : null));
    byKey.set(key, values);
  }
  values[i] = (values[i] ?? 0) + usd;
}

/** Adds cell `c` (at hour `i`) to its key of `dim`; by token type, each type with spend. */
function addCell(
  byKey: KeyedValues,
  present: readonly boolean[],
  c: CostCell,
  dim: CellDimension,
  i: number,
) {
  if (dim !== "token_type") addAt(byKey, present, keyOf(c, dim), i, c.usd);
  else
    c.byType.forEach((usd, t) => {
      if (usd > 0) addAt(byKey, present, CELL_TOKEN_TYPES[t], i, usd);
    });
}

/**
 * One series per key of `dim` over `grid`; `present[i]` says whether hour i was collected.
 * `where` keeps only the cells of one slice (e.g. model = X) for driver attribution.
 */
export function seriesBy(
  cells: readonly CostCell[],
  grid: readonly string[],
  present: readonly boolean[],
  dim: CellDimension,
  where?: (c: CostCell) => boolean,
): KeyedSeries[] {
  const index = new Map(grid.map((h, i) => [h, i]));
  const byKey: KeyedValues = new Map();
  for (const c of cells) {
    const i = index.get(c.hour);
    if (i === undefined || !present[i] || (where && !where(c))) continue;
    addCell(byKey, present, c, dim, i);
  }
  if (dim === "total" && byKey.size === 0)
    byKey.set(
      null,
      present.map((p) => (p ? 0 : null)),
    );
  return [...byKey].map(([key, values]) => ({ key, values }));
}

/**
 * Driver slices of the cells of one anomaly's series, for every dimension in `dims`: one pass over
 * the cells for all dimensions of a source (each key still adds its cells in cell order, so every
 * sum equals a seriesBy of that dimension, bit for bit).
 */
export function driverSlices(
  sources: { cells: readonly CostCell[]; dims: readonly Exclude<CellDimension, "total">[] }[],
  grid: readonly string[],
  present: readonly boolean[],
  where: (c: CostCell) => boolean,
): DriverSlice[] {
  const index = new Map(grid.map((h, i) => [h, i]));
  return sources.flatMap(({ cells, dims }) => {
    const byDim: KeyedValues[] = dims.map(() => new Map());
    for (const c of cells) {
      const i = index.get(c.hour);
      if (i === undefined || !present[i] || !where(c)) continue;
      for (const [d, dim] of dims.entries()) addCell(byDim[d], present, c, dim, i);
    }
    return dims.map((dimension, d) => ({
      dimension,
      series: [...byDim[d]].map(([key, values]) => ({ key, values })),
    }));
  });
}
