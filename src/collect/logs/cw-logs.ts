import { type CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { z } from "zod";
import type { Db } from "../../store/db.js";
import {
  getLogWatermark,
  type InvocationLogRow,
  insertInvocationLogs,
  setLogWatermark,
} from "../../store/queries/invocation-log.js";
import type { UnitResult } from "../types.js";
import { parseRecords } from "./parse.js";
import type { RateLimiter } from "./rate-limit.js";

export interface CwLogsOptions {
  account: string;
  region: string;
  logGroup: string;
  now: Date;
  backfillDays: number;
  since?: string;
  limiter: RateLimiter;
}

const pageSchema = z.object({
  events: z
    .array(z.object({ timestamp: z.number().optional(), message: z.string().optional() }))
    .optional()
    .default([]),
  nextToken: z.string().optional(),
});

/**
 * Fallback when logs go to CloudWatch Logs only: FilterLogEvents from the last event time seen
 * (inclusive; records dedupe by requestId), rate-limited. Each event message is one record.
 */
export async function collectCwLogs(
  db: Db,
  logs: CloudWatchLogsClient,
  o: CwLogsOptions,
): Promise<UnitResult> {
  const wm = await getLogWatermark(db, o.account, o.region, "cwlogs");
  const startTime = o.since
    ? Date.parse(`${o.since}T00:00:00Z`)
    : wm
      ? Number(wm)
      : o.now.getTime() - o.backfillDays * 86_400_000;
  const result: UnitResult = { items: 0, apiCalls: 0, metricsRequested: 0 };
  let last = startTime;
  let nextToken: string | undefined;
  do {
    await o.limiter();
    const raw = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: o.logGroup,
        startTime,
        endTime: o.now.getTime(),
        nextToken,
      }),
    );
    result.apiCalls++;
    const page = pageSchema.parse(raw);
    const rows: InvocationLogRow[] = [];
    for (const e of page.events) {
      if (e.timestamp !== undefined) last = Math.max(last, e.timestamp);
      if (!e.message) continue;
      try {
        rows.push(...parseRecords(JSON.parse(e.message), o).rows);
      } catch {
        // Not JSON: not an invocation record.
      }
    }
    result.items += await insertInvocationLogs(db, rows);
    nextToken = page.nextToken;
  } while (nextToken);
  // Events of several streams interleave: the watermark moves only once every page is stored.
  await setLogWatermark(db, { ...o, source: "cwlogs", position: String(last), at: o.now.toISOString() });
  return result;
}
