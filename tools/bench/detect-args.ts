/**
 * Distinct detect_anomalies arguments on the demo store (now pinned at 2026-11-26T12:00Z, CUR
 * billed through 2026-11-25): windows of several lengths ending on different days, each dimension
 * and granularity, impact floors. No two calls share arguments, so a per-arguments answer cache
 * cannot make the latency bench look faster than a first call.
 */
const DIMENSIONS = [undefined, "total", "model", "account", "principal", "region"] as const;
const GRANULARITIES = [undefined, "day", "hour"] as const;

function day(offset: number): string {
  return new Date(Date.parse("2026-11-26T00:00:00Z") + offset * 86_400_000).toISOString().slice(0, 10);
}

export const DETECT_ARGS: Record<string, unknown>[] = (() => {
  const out: Record<string, unknown>[] = [{}];
  let n = 0;
  for (const dimension of DIMENSIONS)
    for (const granularity of GRANULARITIES) {
      const end = -(n % 6);
      const length = [1, 3, 7, 14][n % 4];
      const args: Record<string, unknown> = { from: day(end - length + 1), to: day(end) };
      if (dimension) args.dimension = dimension;
      if (granularity) args.granularity = granularity;
      if (n % 3 === 1) args.minImpactUsd = 5 + n;
      out.push(args);
      n++;
    }
  // Defaults of one side only, and far windows (bounded to the stored data).
  out.push({ to: day(0) }, { from: day(-3) }, { granularity: "hour" }, { granularity: "day" });
  out.push({ from: day(-40), to: day(-20) }, { from: day(-90), to: day(5) }, { minImpactUsd: 50 });
  return out;
})();
