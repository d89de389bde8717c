import { DETECT_ARGS } from "./detect-args.js";

/**
 * The arguments of call `i` of a tool in the latency benches: distinct for every call, so an
 * answer cache keyed by arguments would only ever miss. detect_anomalies cycles through
 * DETECT_ARGS (windows, dimensions, granularities), with a different impact floor on each later
 * lap; other tools get a different from/to window per call where they take one, a different
 * `limit` or `lookbackDays` where they take that, and their defaults otherwise (reported as such).
 */
export type ArgsFor = (i: number) => Record<string, unknown>;

const day = (lastDay: string, offset: number) =>
  new Date(Date.parse(`${lastDay}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

export function toolArgs(
  name: string,
  properties: Record<string, unknown>,
  lastDay: string,
): { argsFor: ArgsFor; distinct: boolean } {
  if (name === "detect_anomalies")
    return {
      distinct: true,
      argsFor: (i) => {
        const base = DETECT_ARGS[i % DETECT_ARGS.length];
        const lap = Math.floor(i / DETECT_ARGS.length);
        return lap === 0 ? base : { ...base, minImpactUsd: 20 + lap * 0.5 + (i % DETECT_ARGS.length) / 100 };
      },
    };
  const has = (k: string) => k in properties;
  if (!has("from") && !has("to") && !has("limit") && !has("lookbackDays"))
    return { distinct: false, argsFor: () => ({}) };
  return {
    distinct: true,
    argsFor: (i) => {
      const args: Record<string, unknown> = {};
      if (has("from") && has("to")) {
        const end = -(i % 7);
        args.from = day(lastDay, end - (3 + (i % 28)));
        args.to = day(lastDay, end);
      }
      if (has("limit")) args.limit = 50 + i;
      if (has("lookbackDays")) args.lookbackDays = 7 + (i % 23);
      return args;
    },
  };
}
