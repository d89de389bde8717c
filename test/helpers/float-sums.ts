import { expect } from "vitest";

/**
 * `expected` with every fractional number replaced by a matcher that accepts it to 9 decimal
 * places: the same answer read twice from PostgreSQL may differ in the last bits of a float sum,
 * because parallel aggregation and plan changes after autovacuum's ANALYZE add the rows in
 * another order (seen: 229.42472630445735 vs …747). Integers, strings, keys and order stay exact.
 */
export function upToSumOrder(expected: unknown): unknown {
  if (typeof expected === "number")
    return Number.isInteger(expected) ? expected : expect.closeTo(expected, 9);
  if (Array.isArray(expected)) return expected.map(upToSumOrder);
  if (expected !== null && typeof expected === "object")
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, upToSumOrder(v)]));
  return expected;
}
