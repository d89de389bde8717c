/**
 * GetMetricData call planner. Pure.
 *
 * One call carries ≤500 MetricDataQueries and returns ≤100,800 datapoints
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html);
 * all queries of a call share one StartTime/EndTime. With Period 3600 each query yields one
 * datapoint per hour, so a call is a rectangle of k queries × h hours with k ≤ 500 and
 * k·h ≤ 100,800. The plan covers every (query, hour) cell exactly once with as few calls as
 * possible: no call ever needs a NextToken page, and the call count is known up front.
 */

export interface PlanLimits {
  maxQueries: number;
  maxDatapoints: number;
}

export const GET_METRIC_DATA_LIMITS: PlanLimits = { maxQueries: 500, maxDatapoints: 100_800 };

/** Queries [queryStart, queryEnd) over hours [hourStart, hourEnd) of the window. */
export interface PlannedCall {
  queryStart: number;
  queryEnd: number;
  hourStart: number;
  hourEnd: number;
}

/** No plan can use fewer calls than this: each call holds ≤maxQueries and ≤maxDatapoints cells. */
export function lowerBoundCalls(queries: number, hours: number, limits = GET_METRIC_DATA_LIMITS): number {
  if (queries <= 0 || hours <= 0) return 0;
  return Math.max(
    Math.ceil(queries / limits.maxQueries),
    Math.ceil((queries * hours) / limits.maxDatapoints),
  );
}

/** Queries [q0, q1) together in every call, time cut into segments of ⌊maxDatapoints/k⌋ hours. */
function grid(q0: number, q1: number, hours: number, limits: PlanLimits): PlannedCall[] {
  const out: PlannedCall[] = [];
  const span = Math.max(1, Math.floor(limits.maxDatapoints / (q1 - q0)));
  for (let hs = 0; hs < hours; hs += span) {
    out.push({ queryStart: q0, queryEnd: q1, hourStart: hs, hourEnd: Math.min(hours, hs + span) });
  }
  return out;
}

/**
 * Time cut into t equal segments; in each, full groups of k = ⌊maxDatapoints/h⌋ queries. The
 * r leftover queries form their own calls over the whole window (r < k, so their segments are
 * at least as long). Returns the call count, and the calls when `build` is set.
 */
function candidate(queries: number, hours: number, t: number, limits: PlanLimits, build: boolean) {
  const h = Math.ceil(hours / t);
  const k = Math.min(limits.maxQueries, Math.floor(limits.maxDatapoints / h));
  if (k < 1) return { count: Number.POSITIVE_INFINITY, calls: [] as PlannedCall[] };
  const full = Math.floor(queries / k) * k;
  const r = queries - full;
  const segments = Math.ceil(hours / h);
  const count = segments * (full / k) + (r > 0 ? Math.ceil(hours / Math.floor(limits.maxDatapoints / r)) : 0);
  if (!build) return { count, calls: [] as PlannedCall[] };
  const calls: PlannedCall[] = [];
  for (let hs = 0; hs < hours; hs += h) {
    for (let qs = 0; qs < full; qs += k) {
      calls.push({ queryStart: qs, queryEnd: qs + k, hourStart: hs, hourEnd: Math.min(hours, hs + h) });
    }
  }
  if (r > 0) calls.push(...grid(full, queries, hours, limits));
  return { count, calls };
}

export function planGetMetricData(
  queries: number,
  hours: number,
  limits = GET_METRIC_DATA_LIMITS,
): PlannedCall[] {
  if (queries <= 0 || hours <= 0) return [];
  const target = lowerBoundCalls(queries, hours, limits);
  let bestT = 1;
  let best = candidate(queries, hours, 1, limits, false).count;
  for (let t = 2; t <= hours && best > target; t++) {
    const { count } = candidate(queries, hours, t, limits, false);
    if (count < best) [best, bestT] = [count, t];
  }
  return candidate(queries, hours, bestT, limits, true).calls;
}
