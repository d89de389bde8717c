/**
 * Spaces calls at least 1/perSecond apart. FilterLogEvents is limited to 5 transactions per
 * second per account and region (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/cloudwatch_limits_cwl.html).
 */
export type RateLimiter = () => Promise<void>;

export function createRateLimiter(
  perSecond: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): RateLimiter {
  const gap = 1000 / perSecond;
  let next = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = clock();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}
