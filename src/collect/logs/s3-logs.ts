import { gunzipSync } from "node:zlib";
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { Db } from "../../store/db.js";
import {
  getLogWatermark,
  insertInvocationLogs,
  setLogWatermark,
} from "../../store/queries/invocation-log.js";
import type { UnitResult } from "../types.js";
import { parseLogText } from "./parse.js";

export interface S3LogsOptions {
  account: string;
  region: string;
  bucket: string;
  prefix: string;
  now: Date;
  backfillDays: number;
  since?: string;
}

const listPageSchema = z.object({
  Contents: z
    .array(z.object({ Key: z.string().min(1) }))
    .optional()
    .default([]),
});

/** `<prefix>AWSLogs/<acct>/BedrockModelInvocationLogs/<region>/` (docs/aws-data.md §3.2). */
export function logsBase(prefix: string, account: string, region: string): string {
  const p = prefix && !prefix.endsWith("/") ? `${prefix}/` : prefix;
  return `${p}AWSLogs/${account}/BedrockModelInvocationLogs/${region}/`;
}

function dayFolder(base: string, d: Date): string {
  const iso = d.toISOString();
  return `${base}${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
}

/**
 * Where listing resumes. After a run: the hour folder of the last key read, so objects that
 * arrive late in that hour are still seen (records dedupe by requestId). First run: the day
 * folder `backfillDays` ago; `since` overrides.
 */
function startAfter(base: string, watermark: string | null, o: S3LogsOptions): string {
  if (o.since) return dayFolder(base, new Date(`${o.since}T00:00:00Z`));
  if (watermark?.startsWith(base)) return watermark.slice(0, watermark.lastIndexOf("/") + 1);
  return dayFolder(base, new Date(o.now.getTime() - o.backfillDays * 86_400_000));
}

async function readObject(s3: S3Client, bucket: string, key: string): Promise<string> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!res.Body) throw new Error(`s3://${bucket}/${key}: empty response body`);
  const bytes = Buffer.from(await res.Body.transformToByteArray());
  // gzip magic 1f 8b; tolerate uncompressed objects.
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** Hourly invocation-log objects in S3, metadata only, incremental by key. */
export async function collectS3Logs(db: Db, s3: S3Client, o: S3LogsOptions): Promise<UnitResult> {
  const base = logsBase(o.prefix, o.account, o.region);
  const wm = await getLogWatermark(db, o.account, o.region, "s3");
  const result: UnitResult = { items: 0, apiCalls: 0, metricsRequested: 0 };
  const pages = paginateListObjectsV2(
    { client: s3, pageSize: 1000 },
    { Bucket: o.bucket, Prefix: base, StartAfter: startAfter(base, wm, o) },
  );
  for await (const raw of pages) {
    result.apiCalls++;
    for (const { Key } of listPageSchema.parse(raw).Contents) {
      // `…/HH/data/` holds offloaded prompt/response bodies: never read.
      if (Key.includes("/data/") || !/\.json(\.gz)?$/.test(Key)) continue;
      const text = await readObject(s3, o.bucket, Key);
      result.apiCalls++;
      const { rows } = parseLogText(text, o);
      await db.transaction().execute(async (trx) => {
        result.items += await insertInvocationLogs(trx, rows);
        await setLogWatermark(trx, { ...o, source: "s3", position: Key, at: o.now.toISOString() });
      });
    }
  }
  return result;
}
