import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_PRINCIPALS } from "../synthetic/org.js";
import { type SandboxOrg, seriesSeed } from "./org-data.js";
import { HOUR_MS, hourSeries } from "./org-metrics.js";
import { stableHex, stableUuid, unit } from "./rng.js";

/** Marker inside every planted prompt/response body: it must never reach the store or any output. */
export const PLANTED_MARKER = "SANDBOX-PLANTED-CONTENT";

export interface InvocationLogRecord {
  schemaType: "ModelInvocationLog";
  schemaVersion: "1.0";
  timestamp: string;
  accountId: string;
  region: string;
  requestId: string;
  operation: string;
  modelId: string;
  identity: { arn: string };
  inferenceRegion?: string;
  requestMetadata?: Record<string, string>;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

const OPERATIONS = ["Converse", "ConverseStream", "InvokeModel", "InvokeModelWithResponseStream"];
const RECORDS_PER_HOUR = 3;

/**
 * A sample of invocation-log records per account/region (RECORDS_PER_HOUR per hour over the last
 * `hours`), with token counts drawn from the same hourly metrics. Content bodies are planted only
 * where textDataDeliveryEnabled is on, as AWS does.
 * Record shape: docs/aws-data.md §3.1 and test/fixtures/invocation-logs/.
 */
export function invocationRecords(org: SandboxOrg, account: string, region: string, hours: number) {
  const setup = org.logging(account, region);
  if (!setup) return [];
  // Savings streams have their own callers; the sample draws the org's main traffic only.
  const ids = org.modelIds(account, region).filter((e) => e.model && !e.stream);
  const principals = DEMO_PRINCIPALS.filter((p) => p.account === account);
  const s = seriesSeed(org, `logs/${account}/${region}`);
  const lastHour = Math.floor(org.now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  const out: InvocationLogRecord[] = [];
  for (let h = lastHour - (hours - 1) * HOUR_MS; h <= lastHour; h += HOUR_MS) {
    for (let i = 0; i < RECORDS_PER_HOUR; i++) {
      const k = (h / HOUR_MS) * RECORDS_PER_HOUR + i;
      const entry = ids[Math.floor(unit(s, k, 1) * ids.length)];
      const stats = hourSeries(org, account, region, entry.modelId)?.(h);
      const inv = stats?.Invocations?.sum ?? 1;
      const perCall = (m: "InputTokenCount" | "OutputTokenCount" | "CacheReadInputTokenCount") =>
        Math.round((stats?.[m]?.sum ?? 0) / inv);
      const principal = pickWeighted(principals, unit(s, k, 2));
      const at = new Date(h + Math.floor(unit(s, k, 3) * HOUR_MS));
      const requestId = stableUuid(`${account}/${region}/${k}`, org.seed);
      const rec: InvocationLogRecord = {
        schemaType: "ModelInvocationLog",
        schemaVersion: "1.0",
        timestamp: `${at.toISOString().slice(0, 19)}Z`,
        accountId: account,
        region,
        requestId,
        operation: OPERATIONS[Math.floor(unit(s, k, 4) * OPERATIONS.length)],
        modelId: entry.modelId,
        identity: { arn: principal?.arn ?? `arn:aws:iam::${account}:user/unknown` },
        input: {
          inputContentType: "application/json",
          inputTokenCount: perCall("InputTokenCount"),
          cacheReadInputTokenCount: perCall("CacheReadInputTokenCount"),
          cacheWriteInputTokenCount: 0,
        },
        output: { outputContentType: "application/json", outputTokenCount: perCall("OutputTokenCount") },
      };
      if (entry.modelId.startsWith("global.") || /^(us|eu|apac)\./.test(entry.modelId))
        rec.inferenceRegion = region;
      if (unit(s, k, 5) < 0.5)
        rec.requestMetadata = { project: principal?.tags["iamPrincipal/team"] ?? "none" };
      if (setup.textDataDeliveryEnabled) {
        rec.input.inputBodyJson = {
          messages: [{ role: "user", content: [{ text: `${PLANTED_MARKER} prompt ${requestId}` }] }],
        };
        rec.output.outputBodyJson = {
          output: { message: { content: [{ text: `${PLANTED_MARKER} response` }] } },
        };
      }
      out.push(rec);
    }
  }
  return out;
}

function pickWeighted<T extends { weight: number }>(items: T[], r: number): T | undefined {
  const total = items.reduce((a, b) => a + b.weight, 0);
  let acc = 0;
  for (const it of items) {
    acc += it.weight / total;
    if (r < acc) return it;
  }
  return items.at(-1);
}

/** In-memory log groups (CloudWatch Logs destination) built from the same records. */
export class InvocationLogStore {
  constructor(
    private readonly org: SandboxOrg,
    readonly hours: number,
  ) {}

  records(account: string, region: string): InvocationLogRecord[] {
    return invocationRecords(this.org, account, region, this.hours);
  }

  /** Log groups of an account/region: name → events (sorted by time). */
  logGroups(
    account: string,
    region: string,
  ): Map<string, { timestamp: number; message: string; eventId: string }[]> {
    const groups = new Map<string, { timestamp: number; message: string; eventId: string }[]>();
    const name = this.org.logging(account, region)?.logGroupName;
    if (!name) return groups;
    const events = this.records(account, region)
      .map((r) => ({ timestamp: Date.parse(r.timestamp), message: JSON.stringify(r), eventId: r.requestId }))
      .sort((a, b) => a.timestamp - b.timestamp);
    groups.set(name, events);
    return groups;
  }

  /**
   * Writes the S3 destinations as gzipped JSON-lines objects in the AWS layout
   * `<bucket>/<prefix>/AWSLogs/<acct>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/<file>.json.gz`
   * under `root` (one folder per bucket, as the S3 handler serves it). Returns the object count.
   */
  writeS3(root: string): number {
    let files = 0;
    for (const a of this.org.accounts) {
      for (const region of a.regions) {
        const s3 = this.org.logging(a.id, region)?.s3;
        if (!s3) continue;
        const byHour = new Map<string, InvocationLogRecord[]>();
        for (const r of this.records(a.id, region)) {
          const key = r.timestamp.slice(0, 13);
          byHour.set(key, [...(byHour.get(key) ?? []), r]);
        }
        for (const [hour, recs] of byHour) {
          const [y, mo, d, h] = [hour.slice(0, 4), hour.slice(5, 7), hour.slice(8, 10), hour.slice(11, 13)];
          const dir = join(
            root,
            s3.bucketName,
            s3.keyPrefix,
            "AWSLogs",
            a.id,
            "BedrockModelInvocationLogs",
            region,
            y,
            mo,
            d,
            h,
          );
          mkdirSync(dir, { recursive: true });
          const file = `${a.id}_BedrockModelInvocationLogs_${region}_${y}${mo}${d}T${h}00Z_${stableHex(hour + region, 16)}.json.gz`;
          writeFileSync(join(dir, file), gzipSync(recs.map((r) => JSON.stringify(r)).join("\n") + "\n"));
          files += 1;
        }
      }
    }
    return files;
  }
}
